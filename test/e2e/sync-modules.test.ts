// What `sync` loads, with the bundled package in a commonjs user project: none of the generation
// tools (ts-morph, handlebars, openapi-typescript, typescript), no tsx for a connector Node can strip
// itself, no Postgres driver for a DuckDB destination, no live-progress modules when stderr is a pipe, and the runtime and zod once (tsx loaded a
// commonjs project's connector as CommonJS: a second copy of both, most of a one-page sync's start-up).
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { installedBin, projectWithPackage } from "../helpers/packed.ts";
import { SENTINEL_KEY } from "../helpers/secrets.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;
test.before(async () => {
  api = await startMockApi({ records: 20, auth: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } });
});
test.after(async () => api.close());

/** A preload that records every module URL the process resolves (ES modules and require alike) into `out` at exit. */
const RECORDER = `import { registerHooks } from "node:module";
import { writeFileSync } from "node:fs";
const seen = [];
registerHooks({
  resolve(specifier, context, next) { const r = next(specifier, context); seen.push(r.url); return r; },
  load(url, context, next) { seen.push(url); return next(url, context); },
});
process.on("exit", () => writeFileSync(process.env.MODULES_OUT, seen.join("\\n")));
`;

test("sync of a one-page resource loads neither the generation tools nor tsx, and the runtime once", async () => {
  const project = projectWithPackage("commonjs");
  cpSync(join(ROOT, "generated/customer_support"), join(project, "customer_support"), { recursive: true });
  writeFileSync(join(project, "record.mjs"), RECORDER);
  const out = join(project, "modules.txt");
  const synced = await runCli(["sync", "customer_support", "--destination", `duckdb:${join(project, "out.duckdb")}`, "--base-url", api.url], {
    cwd: project,
    bin: installedBin(project),
    env: { API_KEY: SENTINEL_KEY, MODULES_OUT: out, NODE_OPTIONS: `--import ${join(project, "record.mjs")}` },
  });
  assert.is(synced.code, 0, synced.stderr);
  const urls = [...new Set(readFileSync(out, "utf8").split("\n"))];
  const loaded = (pattern: RegExp) => urls.filter((url) => pattern.test(url));
  assert.equal(loaded(/\/dist\/bundle\/runtime\.js/).length, 1, `the runtime, once: ${loaded(/\/dist\/bundle\/runtime\.js/).join(", ")}`);
  assert.equal(loaded(/\/dist\/(runtime|generator)\/.*\.js$/), [], "the bundle only: no unbundled module of the package");
  for (const heavy of ["ts-morph", "handlebars", "openapi-typescript", "typescript", "tsx", "esbuild", "pg", "log-update"]) {
    assert.equal(loaded(new RegExp(`/node_modules/${heavy}/`)), [], `${heavy} is not loaded by a DuckDB sync logging to a pipe`);
  }
  assert.equal(loaded(/\/zod\/.*\.cjs$/), [], "zod as ES modules only (no CommonJS copy)");
  assert.ok(loaded(/\/node_modules\/@duckdb\//).length > 0, "DuckDB is loaded for a DuckDB destination");
});

test.run();
