// Loading a user's TypeScript connector: as ES modules through Node's type stripping, sharing the
// packages the process already loaded, even in a commonjs project; through tsx when Node cannot strip it.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as zod from "zod";
import { importTypeScript } from "../../../generator/cli/import-typescript.ts";
import { ROOT } from "../../helpers/cli.ts";

const run = promisify(execFile);
const MODULE = pathToFileURL(join(ROOT, "generator/cli/import-typescript.ts")).href;
const dirs: string[] = [];
test.after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A commonjs project under the repository (so `zod` resolves) holding `files`. */
function project(files: Record<string, string>): string {
  mkdirSync(join(ROOT, "tmp"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, "tmp", "import-ts-"));
  dirs.push(dir);
  writeFileSync(join(dir, "package.json"), '{ "type": "commonjs" }\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test("a connector in a commonjs project loads as ES modules: its packages are the instances already loaded", async () => {
  const dir = project({
    "index.ts": 'import { z } from "zod";\nimport { label, type Label } from "./label.js";\nconst named: Label = label;\nexport { z, named };\n',
    "label.ts": 'export type Label = string;\nexport const label: Label = "from label.ts";\n',
  });
  const loaded = (await importTypeScript(join(dir, "index.ts"))) as { z: unknown; named: string };
  assert.is(loaded.named, "from label.ts");
  assert.ok(loaded.z === zod.z, "the connector's zod is the process's zod, not a CommonJS copy");
});

/** Imports `file` with importTypeScript in a plain Node process (no tsx loaded globally, as the installed CLI runs). */
async function importInPlainNode(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `import(${JSON.stringify(MODULE)}).then((m) => m.importTypeScript(${JSON.stringify(file)})).then(
    (loaded) => console.log(JSON.stringify(loaded)),
    (error) => { console.error(String(error)); process.exitCode = 1; },
  );`;
  return run(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number | null; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

test("a module Node cannot strip (an enum) still loads, through tsx", async () => {
  const dir = project({ "index.ts": "enum Color { Red = 'red' }\nexport const color: string = Color.Red;\n" });
  const result = await importInPlainNode(join(dir, "index.ts"));
  assert.is(result.code, 0, result.stderr);
  assert.is((JSON.parse(result.stdout) as { color: string }).color, "red");
});

test("a module that throws while it runs is not run a second time", async () => {
  const dir = project({
    "index.ts":
      "const runs: number = Number(process.env.RUNS ?? 0) + 1;\nprocess.env.RUNS = String(runs);\nconsole.log(`run ${runs}`);\nthrow new Error('boom');\n",
  });
  const result = await importInPlainNode(join(dir, "index.ts"));
  assert.is(result.code, 1);
  assert.match(result.stderr, /boom/);
  assert.is(result.stdout, "run 1\n");
});

/** The stripped-file cache of a project (stripped-cache.ts): file name → text. */
function cached(dir: string): Map<string, string> {
  const cache = join(dir, "node_modules", ".cache", "gen-connector", "stripped");
  let names: string[] = [];
  try {
    names = readdirSync(cache);
  } catch {}
  return new Map(names.map((name) => [name, readFileSync(join(cache, name), "utf8")]));
}

test("a file is stripped once: the next process loads the cached JavaScript; an edited file is stripped again", async () => {
  const dir = project({ "index.ts": 'export const greeting: string = "hello";\n' });
  mkdirSync(join(dir, "node_modules"));
  const first = await importInPlainNode(join(dir, "index.ts"));
  assert.is(first.code, 0, first.stderr);
  assert.equal(JSON.parse(first.stdout), { greeting: "hello" });
  const entries = cached(dir);
  assert.is(entries.size, 1);
  const [[name, text]] = [...entries] as [[string, string]];
  assert.is(text, 'export const greeting         = "hello";\n', "types replaced by spaces: positions are the .ts file's");
  // The next process reads the entry instead of stripping (an entry changed behind its back shows it).
  writeFileSync(join(dir, "node_modules", ".cache", "gen-connector", "stripped", name), 'export const greeting = "from the cache";\n');
  const second = await importInPlainNode(join(dir, "index.ts"));
  assert.equal(JSON.parse(second.stdout), { greeting: "from the cache" });
  writeFileSync(join(dir, "index.ts"), 'export const greeting: string = "edited";\n');
  const third = await importInPlainNode(join(dir, "index.ts"));
  assert.equal(JSON.parse(third.stdout), { greeting: "edited" });
  assert.is(cached(dir).size, 2);
  assert.not.match(first.stderr + third.stderr, /ExperimentalWarning|stripTypeScriptTypes/, "no warning about Node's API");
});

test("a cached module's stack trace points at its .ts file's lines; without a node_modules above it, it still loads", async () => {
  const thrower = "type Id = number;\nconst id: Id = 1;\nexport function fail(): never {\n  throw new Error(`failed ${id}`);\n}\nfail();\n";
  const dir = project({ "index.ts": thrower });
  mkdirSync(join(dir, "node_modules"));
  for (let run = 0; run < 2; run++) {
    const result = await importInPlainNode(join(dir, "index.ts"));
    assert.is(result.code, 1);
    assert.match(result.stderr, /failed 1/);
  }
  const stack = await run(process.execPath, [
    "--input-type=module",
    "-e",
    `import(${JSON.stringify(MODULE)}).then((m) => m.importTypeScript(${JSON.stringify(join(dir, "index.ts"))})).catch((e) => console.log(e.stack));`,
  ]);
  assert.match(stack.stdout, /index\.ts:4:9/);
  assert.is(cached(dir).size, 1);
  // /tmp has no node_modules above it: nothing cached, the module loads all the same.
  const lone = mkdtempSync(join("/tmp", "import-ts-lone-"));
  dirs.push(lone);
  writeFileSync(join(lone, "index.ts"), "export const n: number = 42;\n");
  const result = await importInPlainNode(join(lone, "index.ts"));
  assert.is(result.code, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout), { n: 42 });
});

test.run();
