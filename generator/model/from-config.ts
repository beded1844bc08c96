// A parsed config → the connector model: validated against the grammar, then built (with the spec its
// `openapi` names). The model stage's entry: no emitter, no ts-morph, so init can check what it writes.
import { posix } from "node:path";
import { validateConfig } from "../config/load.ts";
import type { LoadedSpec } from "../openapi/spec/index.ts";
import { buildModel } from "./build.ts";
import type { ConnectorModel } from "./model.ts";

/** Loads the OpenAPI spec at `path` (relative to the working directory); throws SpecError. */
export type SpecLoader = (path: string) => LoadedSpec;

/** The path of a config's spec: `openapi` is relative to the config file. */
export function specPath(source: string, openapi: string): string {
  return posix.isAbsolute(openapi) ? openapi : posix.join(posix.dirname(source), openapi);
}

/** Builds the model of a parsed config (throws ConfigError); a config with `openapi` needs `loadSpec`. */
export function modelFromConfig(input: unknown, source: string, loadSpec?: SpecLoader): ConnectorModel {
  const config = validateConfig(input, source);
  if (config.openapi === undefined) return buildModel(config, source);
  if (loadSpec === undefined) throw new TypeError(`${source} names an OpenAPI spec: generation needs a spec loader`);
  return buildModel(config, source, loadSpec(specPath(source, config.openapi)));
}
