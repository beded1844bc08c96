// Reading an OpenAPI spec from disk, its files named as the user would type them (the CLI is the only place
// generation and init read files).
import { loadSpec, type LoadedSpec } from "../openapi/spec/index.ts";
import { displayPath } from "./paths.ts";

/** Loads and bundles the spec at `path` (relative to the working directory); throws SpecError. */
export function readSpec(path: string): LoadedSpec {
  return loadSpec(path, { display: (p) => displayPath(p) });
}
