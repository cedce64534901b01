export { renderChart, chartDir, FEATURE_FILES, type GeneratedFile } from "./render.js";
export { withHeader } from "./header.js";
export { chartValues, chartValuesSchema, valuesYamlFile, valuesSchemaFile, FEATURE_VALUES } from "./values.js";
export { valuesTable } from "./readme.js";
