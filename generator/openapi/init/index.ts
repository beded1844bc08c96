// `gen-connector init`: derive an editable config from an OpenAPI spec (pure; the CLI writes it).
export { initConfig, initName, type InitOptions, type InitResult } from "./build.ts";
export { configDiff } from "./diff.ts";
