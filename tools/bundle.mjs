// Build step (npm run build, so prepack): bundles the CLI and the runtime into dist/bundle/ with esbuild,
// as ES modules split into shared chunks, so that the CLI (`cli.js`) and a generated connector's
// `gen-connector/runtime` import (`runtime.js`) share one instance of every runtime module. One-page
// sync: ~450 module files loaded before (the runtime, DuckDB's node-api, node-fetch…) against a dozen
// chunks, 1.50 → 1.08 CPU s. tsc still writes the declarations (dist/**/*.d.ts).
//
// Left external, resolved from node_modules at run time as before: zod (a connector's `z` is the one
// its project resolves, hooks may import it too), cross-fetch (see below), DuckDB's native binding (a .node file; required
// from @duckdb/node-api's own folder, as node-api itself would), Postgres and the queue (loaded only
// for a Postgres destination), the generation tools (optional peers) and tsx (the fallback loader).
import { build } from "esbuild";

const EXTERNAL = [
  "zod",
  "zod/*",
  "pg",
  "pg-copy-streams",
  "pg-boss",
  "log-update",
  // node-fetch's URL parser requires Node's deprecated punycode, whose warning Node spares node_modules only.
  "cross-fetch",
  "node-fetch",
  "tsx",
  "tsx/*",
  "typescript",
  "ts-morph",
  "openapi-typescript",
  "handlebars",
];

/** `@duckdb/node-bindings` as @duckdb/node-api requires it: from node-api's folder, wherever npm put it. */
const duckdbBindings = {
  name: "duckdb-bindings",
  setup(bundle) {
    bundle.onResolve({ filter: /^@duckdb\/node-bindings$/ }, () => ({ path: "node-bindings", namespace: "duckdb-bindings" }));
    bundle.onLoad({ filter: /.*/, namespace: "duckdb-bindings" }, () => ({
      contents:
        'const { createRequire } = require("node:module"); module.exports = createRequire(require.resolve("@duckdb/node-api"))("@duckdb/node-bindings");',
      loader: "js",
    }));
  },
};

await build({
  entryPoints: { cli: "generator/cli.ts", runtime: "runtime/index.ts" },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22",
  external: EXTERNAL,
  plugins: [duckdbBindings],
  // CommonJS dependencies inside an ES module bundle call `require`: give them Node's, from here.
  banner: { js: 'import { createRequire as __gcCreateRequire } from "node:module"; const require = __gcCreateRequire(import.meta.url);' },
  legalComments: "eof",
  logLevel: "warning",
});
