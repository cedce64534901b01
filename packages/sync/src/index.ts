export { renderApplications, modelNameProblem, type ApplicationsResult, type GeneratedFile } from "./applications.js";
export { applicationFor, argoSettings, defaultArgoSettings, layoutPaths, modelOf, type ArgoSettings, type Destination, type SyncPolicy } from "./application.js";
export { modelNameError, modelNames, MAX_RELEASE_NAME, MAX_RESOURCE_NAME, type ModelNames } from "./model-name.js";
export { bumpRolloutAnnotation, rotateAnnotation, rotateFile, rotationStamp, rotationValueProblem, RotationRefused, ROLLOUT_ANNOTATION, type FileRotation, type Rotation } from "./rotate.js";
export { scaffoldValues, type ScaffoldInput } from "./scaffold.js";
