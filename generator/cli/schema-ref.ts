// Where the `$schema` init writes points: a path relative to the config that resolves inside the
// user's project, so editors find it and it keeps working when the project is copied or cloned.
import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { displayPath } from "./paths.ts";

/** The JSON Schema's place inside the gen-connector package. */
export const SCHEMA_IN_PACKAGE = "generated/config.schema.json";

export interface SchemaReference {
  /** Relative to the config's folder, `/`-separated, starting with `./` or `../`. */
  readonly path: string;
  /** Set when the file is not there yet: what provides it. */
  readonly note?: string;
}

/** `path` with its symlinks resolved, as far as it exists (the config's folder may not exist yet). */
function real(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(real(parent), basename(path));
}

function ancestors(dir: string): string[] {
  const out = [dir];
  while (dirname(out.at(-1)!) !== out.at(-1)) out.push(dirname(out.at(-1)!));
  return out;
}

function inside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel);
}

function relativeRef(fromDir: string, target: string): string {
  const rel = relative(fromDir, target).split(sep).join("/");
  return rel.startsWith("../") ? rel : `./${rel}`;
}

/**
 * The `$schema` for a config written to `configPath`, given the schema file of the running
 * gen-connector: that file when it lies in the config's project (the nearest folder up with a
 * package.json: a local install, or this repository); else an installed
 * `node_modules/gen-connector/generated/config.schema.json` up the tree; else where a local install
 * in that project would put it (the running one is global or in the npx cache, outside the project).
 */
export function schemaReference(configPath: string, runningSchema: string): SchemaReference {
  const dir = real(dirname(resolve(configPath)));
  const project = ancestors(dir).find((d) => existsSync(join(d, "package.json")));
  const running = real(runningSchema);
  if (project !== undefined && existsSync(running) && inside(running, project)) return { path: relativeRef(dir, running) };
  const installed = ancestors(dir)
    .map((d) => join(d, "node_modules", "gen-connector", ...SCHEMA_IN_PACKAGE.split("/")))
    .find((file) => existsSync(file));
  if (installed !== undefined) return { path: relativeRef(dir, installed) };
  const home = project ?? dir;
  const path = relativeRef(dir, join(home, "node_modules", "gen-connector", ...SCHEMA_IN_PACKAGE.split("/")));
  return {
    path,
    note: `${path} does not exist yet: \`npm install --save-dev gen-connector\` in ${displayPath(home)} provides it (editors then complete and check the config)`,
  };
}
