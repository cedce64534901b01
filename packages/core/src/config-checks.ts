// The config's checks live in the config module (config/check.ts); index.ts still names this path.
export { configWarnings } from "./config/check.js";
