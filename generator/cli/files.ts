// The CLI's disk side of generation: where a config's files go, which are stale, writing them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UsageError } from "../../runtime/errors.ts";
import { generateConnector, type GeneratedFile } from "../generate.ts";
import { loadModel } from "../input/from-text.ts";
import { looksLikeSpec, modelFromSpec } from "../input/from-spec.ts";
import { displayPath } from "./paths.ts";
import { readSpec } from "./read-spec.ts";

export interface PlannedOutput {
  readonly dir: string;
  readonly files: readonly GeneratedFile[];
  /** What the generated schemas cannot enforce, located in the spec. */
  readonly warnings: readonly string[];
}

function readConfig(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read config ${displayPath(path)}: ${code === "ENOENT" ? "no such file" : String(code)}`);
  }
}

/** Generates a config's (or an OpenAPI spec's, through init) files in memory, and where they belong. */
export function planOutput(configPath: string, out: string | undefined): PlannedOutput {
  const text = readConfig(configPath);
  const source = displayPath(configPath);
  const outArg = out === undefined ? undefined : displayPath(out);
  const model = looksLikeSpec(text) ? modelFromSpec(readSpec(configPath), source) : loadModel(text, source, readSpec);
  const dir = outArg ?? `generated/${model.name}`;
  return { dir, ...generateConnector(model, outArg === undefined ? { source } : { source, out: outArg }) };
}

/** Files whose content on disk differs from `planned` (missing files included). */
export function staleFiles(planned: PlannedOutput): string[] {
  return planned.files
    .map((file) => join(planned.dir, file.path))
    .filter((path, i) => !existsSync(path) || readFileSync(path, "utf8") !== planned.files[i]!.content)
    .map((path) => displayPath(path));
}

/** Writes the files that changed; returns their paths. */
export function writeOutput(planned: PlannedOutput): string[] {
  const stale = new Set(staleFiles(planned));
  const written: string[] = [];
  for (const file of planned.files) {
    const path = join(planned.dir, file.path);
    if (!stale.has(displayPath(path))) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    written.push(displayPath(path));
  }
  return written;
}
