// The package as a new user gets it: `npm pack` of the checkout installed into a project made by
// `npm init -y` (commonjs, no tsx of its own), then init from an OpenAPI spec, generate, sync into
// DuckDB with the installed CLI, compile a user file against the generated client with the project's
// own tsc (nodenext, strict) and run the emitted JavaScript under plain node. A sync-only install
// (`--omit=peer`) syncs the same connector and says what to install to generate.
// npm installs with --prefer-offline: the tarballs come from the cache `npm ci` filled.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { query } from "../helpers/duckdb.ts";
import { packOnce } from "../helpers/packed.ts";
import { leaks, SENTINEL_KEY } from "../helpers/secrets.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";

const RECORDS = 30;
const run = promisify(execFile);
let api: MockApi;
const projects: string[] = [];

test.before(async () => {
  api = await startMockApi({ records: RECORDS, auth: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } });
});
test.after(async () => {
  await api.close();
  for (const project of projects) rmSync(project, { recursive: true, force: true });
});

/** `npm init -y` plus an install of the packed tarball (and `extra` packages), outside the repository. */
async function userProject(flags: readonly string[], extra: readonly string[] = []): Promise<string> {
  const project = mkdtempSync(join(tmpdir(), "gc-user-"));
  projects.push(project);
  await run("npm", ["init", "-y"], { cwd: project });
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...flags, packOnce().tarball, ...extra], { cwd: project });
  cpSync(join(ROOT, "configs/openapi"), join(project, "api/openapi"), { recursive: true });
  return project;
}

const bin = (project: string): string => join(project, "node_modules/gen-connector/bin/gen-connector.js");

test("npm init -y project: init, generate, sync, then the user's tsc and plain node run the client", async () => {
  const project = await userProject([], ["@types/node@22"]);
  const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as { type?: string };
  assert.ok(manifest.type === undefined || manifest.type === "commonjs", "npm init -y makes a commonjs project");
  assert.not.ok(existsSync(join(project, "node_modules/gen-connector/runtime/index.ts")), "no TypeScript source is installed");

  const init = await runCli(["init", "api/openapi/customer_support.yaml", "--out", "api/support.json"], { cwd: project, bin: bin(project) });
  assert.is(init.code, 0, init.stderr);
  const generated = await runCli(["api/support.json", "--out", "src/support"], { cwd: project, bin: bin(project) });
  assert.is(generated.code, 0, generated.stderr);

  const db = join(project, "out.duckdb");
  const env = { CUSTOMER_SUPPORT_API_KEY: SENTINEL_KEY };
  const synced = await runCli(["sync", "src/support", "--destination", `duckdb:${db}`, "--base-url", api.url, "--json"], {
    cwd: project,
    bin: bin(project),
    env,
  });
  assert.is(synced.code, 0, synced.stderr);
  assert.equal(leaks(synced.stdout + synced.stderr, SENTINEL_KEY), []);
  const [resource] = (JSON.parse(synced.stdout) as { resources: { resource: string; records: number }[] }).resources;
  assert.is(resource?.records, RECORDS);
  assert.equal(await query(db, `SELECT count(*) AS n, min(id) AS first FROM customer_support."${resource?.resource}"`), [{ n: RECORDS, first: 1 }]);

  const index = readFileSync(join(project, "src/support/index.ts"), "utf8");
  const client = /export \{ (\w+Client) \}/.exec(index)?.[1];
  const method = /(\w+)\(\): AsyncGenerator<\w+Record>/.exec(readFileSync(join(project, "src/support/client.ts"), "utf8"))?.[1];
  assert.ok(client !== undefined && method !== undefined, "the generated index exports a client with a records method");
  writeFileSync(
    join(project, "src/use.ts"),
    [
      `import { ${client} } from "./support/index.js";`,
      "",
      "async function main(): Promise<void> {",
      `  const client = new ${client}({ baseUrl: process.argv[2] ?? "" });`,
      "  const ids: number[] = [];",
      `  for await (const record of client.${method}()) ids.push(Number(record.id));`,
      '  console.log(`records ${ids.length}: ${ids.slice(0, 3).join(",")}`);',
      "}",
      "void main();",
      "",
    ].join("\n"),
  );
  const tsconfig = {
    compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", outDir: "dist", types: ["node"] },
    include: ["src"],
  };
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  const compiled = await run(process.execPath, [join(project, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: project }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
  );
  assert.is(compiled.stdout, "", "the user's tsc compiles the generated client with no extra flags");
  const used = await run(process.execPath, ["dist/use.js", api.url], { cwd: project, env: { PATH: process.env.PATH ?? "", ...env } });
  assert.is(used.stdout, `records ${RECORDS}: 1,2,3\n`);

  // The compiled connector syncs too, loaded as plain JavaScript.
  const compiledDb = join(project, "compiled.duckdb");
  const compiledSync = await runCli(["sync", "dist/support", "--destination", `duckdb:${compiledDb}`, "--base-url", api.url], {
    cwd: project,
    bin: bin(project),
    env,
  });
  assert.is(compiledSync.code, 0, compiledSync.stderr);
  assert.equal(await query(compiledDb, `SELECT count(*) AS n FROM customer_support."${resource?.resource}"`), [{ n: RECORDS }]);
});

test("a sync-only install (--omit=peer) syncs, and a generation command says what to install", async () => {
  const project = await userProject(["--omit=peer"]);
  assert.not.ok(existsSync(join(project, "node_modules/typescript")), "generation tools are not installed");
  cpSync(join(ROOT, "generated/customer_support"), join(project, "src/customer_support"), { recursive: true });
  const db = join(project, "out.duckdb");
  const synced = await runCli(["sync", "src/customer_support", "--destination", `duckdb:${db}`, "--base-url", api.url], {
    cwd: project,
    bin: bin(project),
    env: { API_KEY: SENTINEL_KEY },
  });
  assert.is(synced.code, 0, synced.stderr);
  assert.equal(await query(db, "SELECT count(*) AS n FROM customer_support.customer_support_data"), [{ n: RECORDS }]);

  writeFileSync(join(project, "config.json"), readFileSync(join(ROOT, "configs/customer_support.json")));
  const generated = await runCli(["config.json"], { cwd: project, bin: bin(project) });
  assert.is(generated.code, 2);
  assert.match(
    generated.stderr,
    /error: gen-connector generate needs \S+, which is not installed: .* npm install --save-dev typescript ts-morph handlebars openapi-typescript/,
  );
});

test("a project without gen-connector: sync names the package to install", async () => {
  const project = mkdtempSync(join(tmpdir(), "gc-bare-"));
  projects.push(project);
  writeFileSync(join(project, "package.json"), '{ "name": "bare", "version": "1.0.0" }\n');
  cpSync(join(ROOT, "generated/customer_support"), join(project, "src/customer_support"), { recursive: true });
  const synced = await runCli(["sync", "src/customer_support", "--destination", "duckdb::memory:"], { cwd: project, env: { API_KEY: SENTINEL_KEY } });
  assert.is(synced.code, 2);
  assert.match(
    synced.stderr,
    'error: cannot load src/customer_support/index.ts: it imports the package "gen-connector", which is not installed in this project: run npm install gen-connector',
  );
});

test.run();
