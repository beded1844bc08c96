// `gen-connector init`: derive an editable config from an OpenAPI spec (pure; the CLI writes it).
export { initConfig, initName, type InitOptions, type InitResult } from "./build.ts";
export { configDiff } from "./diff.ts";
export { configText, hasYamlSchemaComment, isYamlPath, laterCommentLine, leadingComments, yamlSchemaComments } from "./config-text.ts";
export { mergeConfig, type MergeOptions, type MergeResult } from "./merge.ts";
export { reportLines } from "./report.ts";
export { configProblems } from "./validate.ts";
