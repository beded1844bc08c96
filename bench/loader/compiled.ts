// The loader bench's scripts compiled as the package compiles its runtime (esbuild, ES modules, every
// package left external: see tools/bundle.mjs), so a case measures the runtime an installed gen-connector
// runs, as the sync, start-up and memory cases do, not tsx compiling the TypeScript source when the
// process starts (25–40 MB of resident memory and its CPU in every case, baselines included).
import { join } from "node:path";
import { build } from "esbuild";

const SCRIPTS = ["load", "duckdb-bulk", "postgres-bulk"] as const;
export type LoaderScript = (typeof SCRIPTS)[number];

/** Compiles the scripts once into `root`/tmp/bench-loader/compiled/ and returns each one's path. */
export async function compileLoaderScripts(root: string): Promise<(script: LoaderScript) => string> {
  // Inside the checkout, so their packages resolve from its node_modules.
  const outdir = join(root, "tmp", "bench-loader", "compiled");
  await build({
    entryPoints: Object.fromEntries(SCRIPTS.map((s) => [s, join(root, "bench", "loader", `${s}.ts`)])),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    packages: "external",
    logLevel: "warning",
  });
  return (script) => join(outdir, `${script}.mjs`);
}
