// `gen-connector <spec.yaml>`: a spec given where a config is expected. Detected by content (an
// `openapi: 3.x` or `swagger` key; a config's own `openapi` key names a file, not a version), turned
// into a config in memory by init, then generated like any config whose `openapi` is that spec.
import { posix } from "node:path";
import { modelFromConfig } from "../model/from-config.ts";
import type { ConnectorModel } from "../model/model.ts";
import { initConfig, initName } from "../init/index.ts";
import type { LoadedSpec } from "../openapi/spec/index.ts";

const JSON_SPEC = /"(openapi"\s*:\s*"\d|swagger"\s*:)/;
const YAML_SPEC = /^(["']?openapi["']?\s*:\s*["']?\d|["']?swagger["']?\s*:)/m;

/** True when the text is an OpenAPI (or Swagger) document rather than a config. */
export function looksLikeSpec(text: string): boolean {
  return /^\s*\{/.test(text) ? JSON_SPEC.test(text) : YAML_SPEC.test(text);
}

/** The model of the config init derives from `spec`; `source` is the spec's path as the user typed it. */
export function modelFromSpec(spec: LoadedSpec, source: string): ConnectorModel {
  const { config } = initConfig(spec, { name: initName(spec), openapi: posix.basename(source), out: source });
  return modelFromConfig(config, source, () => spec);
}
