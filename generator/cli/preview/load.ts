// What `preview` runs: a generated connector directory as `sync` loads it, or a config (or an OpenAPI
// spec) generated in memory. The generated files are written to a temporary folder only so that tsx
// can import them, and removed at once; their `gen-connector/runtime` import names this package's own
// runtime, so a config previews wherever it lives, whether or not the package resolves from there.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import type { ConnectorSpec } from "../../../runtime/connector.ts";
import { UsageError } from "../../../runtime/errors.ts";
import { withGenerationTools } from "../generation-tools.ts";
import { packageRoot } from "../../package-root.ts";
import { displayPath } from "../paths.ts";
import { loadConnector } from "../sync.ts";

/** This package's runtime entry, as the running CLI sees it (the TypeScript source in a checkout, the bundle installed). */
function runtimeEntry(): string {
  return new URL(import.meta.url.endsWith(".ts") ? "runtime/index.ts" : "dist/bundle/runtime.js", packageRoot).href;
}

export interface LoadedConnector {
  readonly connector: ConnectorSpec;
  /** The config file previewed (undefined for a generated directory). */
  readonly config: string | undefined;
  /** Generated from an OpenAPI spec (its records are checked against the spec's schema). */
  readonly specBacked: boolean;
}

/** The connector in `path`: a generated directory, or a config/spec file generated in memory. */
export async function loadPreviewed(path: string): Promise<LoadedConnector> {
  let directory: boolean;
  try {
    directory = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`${displayPath(path)} does not exist: preview takes a config file or a generated connector directory`);
  }
  if (directory) return { connector: await loadConnector(path), config: undefined, specBacked: existsSync(join(path, "types.ts")) };
  const { planOutput } = await withGenerationTools("preview", () => import("../files.ts"));
  const dir = mkdtempSync(join(tmpdir(), "gen-connector-preview-"));
  try {
    const out = relative(process.cwd(), dir).split(sep).join("/");
    const planned = planOutput(path, out);
    const runtime = JSON.stringify(runtimeEntry());
    for (const file of planned.files) writeFileSync(join(dir, file.path), file.content.replaceAll('from "gen-connector/runtime"', `from ${runtime}`));
    return { connector: await loadConnector(dir), config: path, specBacked: planned.files.some((f) => f.path === "types.ts") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
