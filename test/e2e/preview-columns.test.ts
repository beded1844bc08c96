// `preview --write-columns`: the mock API's fields written into a config as column hints (the user's kept,
// the layout kept), so the next generation types every field: a golden schema and a typed usage checked by
// tsc. Over an invalid config it changes nothing and sends no request.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli, ROOT } from "../helpers/cli.ts";
import { runUserTsc } from "../helpers/user-tsc.ts";
import { leaks, SENTINEL_KEY } from "../helpers/secrets.ts";
import { makeRecord, startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;
const env = { API_KEY: SENTINEL_KEY };
const SEED = readFileSync(join(ROOT, "configs/customer_support.json"), "utf8").replace(/^ {2}"\$schema".*\n/m, "");
/** Inside the repository (its ignored tmp/), so the generated code resolves `gen-connector/runtime` as the repo's own. */
const projects: string[] = [];

function project(config: string): string {
  mkdirSync(join(ROOT, "tmp"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, "tmp", "preview-columns-"));
  projects.push(dir);
  writeFileSync(join(dir, "seed.json"), config);
  return dir;
}

test.before(async () => {
  api = await startMockApi({ records: 250, auth: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } });
});
test.after(async () => {
  await api.close();
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

const INT64 = 'z.union([z.int(), z.bigint().min(-9223372036854775808n).max(9223372036854775807n)], { error: "Invalid input: expected an int64 integer" })';

test("--write-columns, then generation: every mock field typed in schema.ts (golden), the record type checked by tsc", async () => {
  const dir = project(SEED);
  const preview = await runCli(["preview", "seed.json", "--base-url", api.url, "--write-columns"], { env, cwd: dir });
  assert.is(preview.code, 0, preview.stderr);
  assert.match(preview.stderr, /seed\.json: wrote column hints/);
  assert.match(preview.stderr, /added customer_support_data\.columns\.created_at \{"data_type":"timestamp"\}/);
  const edited = readFileSync(join(dir, "seed.json"), "utf8");
  // The user's hints and layout stay: only the new lines are added.
  assert.ok(edited.includes('"id": { "data_type": "bigint", "nullable": false },\n        "customer_id": { "data_type": "text" },\n        "subject"'), edited);
  assert.is(edited.replace(/,\n {8}"(subject|status|priority|created_at|tags|requester|version)": \{[^\n]*\}/g, ""), SEED);

  const generated = await runCli(["seed.json", "--out", "gen"], { cwd: dir });
  assert.is(generated.code, 0, generated.stderr);
  const schema = readFileSync(join(dir, "gen/schema.ts"), "utf8");
  const body = /z\.looseObject\(\{\n([\s\S]*?)\n\}\);/.exec(schema)?.[1];
  assert.is(
    body,
    [
      `  id: ${INT64},`,
      "  customer_id: z.string().nullish(),",
      "  subject: z.string().nullish(),",
      "  status: z.string().nullish(),",
      `  priority: ${INT64}.nullish(),`,
      "  created_at: z.string().nullish(),",
      "  tags: z.json().optional(),",
      "  requester: z.json().optional(),",
      `  version: ${INT64}.nullish(),`,
    ].join("\n"),
  );
  for (const field of Object.keys(makeRecord(0))) assert.match(body ?? "", new RegExp(`^  ${field}: `, "m"), field);

  writeFileSync(
    join(dir, "use.ts"),
    [
      'import type { CustomerSupportDataRecord } from "./gen/index.js";',
      "declare const record: CustomerSupportDataRecord;",
      "export const subject: string | null | undefined = record.subject;",
      "export const status: string | null | undefined = record.status;",
      "export const priority: number | bigint | null | undefined = record.priority;",
      "export const created: string | null | undefined = record.created_at;",
      "// @ts-expect-error a text field is no number",
      "export const wrong: number | null | undefined = record.subject;",
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "../../tsconfig.json", include: ["use.ts", "gen"] }));
  const tsc = await runUserTsc(dir);
  assert.is(tsc.code, 0, tsc.output);
  assert.equal(leaks(preview.stdout + preview.stderr + edited, SENTINEL_KEY), []);
});

test("--write-columns over an invalid config changes nothing and sends no request (exit 2)", async () => {
  const bad = SEED.replace('"limit": 100', '"limit": "abc"');
  const dir = project(bad);
  api.requests.length = 0;
  const result = await runCli(["preview", "seed.json", "--base-url", api.url, "--write-columns"], { env, cwd: dir });
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, /invalid config seed\.json: .*\n {2}- resources\[0\]\.endpoint\.paginator\.limit: /);
  assert.is(readFileSync(join(dir, "seed.json"), "utf8"), bad);
  assert.is(api.requests.length, 0);
});

test("a second --write-columns adds nothing; a hint with another type is kept and reported", async () => {
  const mine = SEED.replace('"customer_id": { "data_type": "text" }', '"customer_id": { "data_type": "json" }');
  const dir = project(mine);
  const first = await runCli(["preview", "seed.json", "--base-url", api.url, "--write-columns", "--max-pages", "1"], { env, cwd: dir });
  assert.is(first.code, 0, first.stderr);
  assert.match(first.stderr, /kept customer_support_data\.columns\.customer_id data_type json; the records suggest text/);
  const once = readFileSync(join(dir, "seed.json"), "utf8");
  assert.ok(once.includes('"customer_id": { "data_type": "json" }'));
  const second = await runCli(["preview", "seed.json", "--base-url", api.url, "--write-columns", "--max-pages", "1"], { env, cwd: dir });
  assert.is(second.code, 0, second.stderr);
  assert.match(second.stderr, /seed\.json: no column hints to add/);
  assert.is(readFileSync(join(dir, "seed.json"), "utf8"), once);
});

test("spec-backed: records that disagree with the spec are reported; --write-columns hints only the fields the spec lacks", async () => {
  const dir = project(readFileSync(join(ROOT, "configs/support_openapi.json"), "utf8").replace(/^ {2}"\$schema".*\n/m, ""));
  cpSync(join(ROOT, "configs/openapi"), join(dir, "openapi"), { recursive: true });
  api.setOptions({ mutate: (r) => ({ ...r, priority: `P${r.priority}` as unknown as number, escalated: r.id % 2 === 0 }) });
  try {
    const result = await runCli(["preview", "seed.json", "--base-url", api.url, "--resource", "tickets", "--max-pages", "1", "--write-columns"], {
      env,
      cwd: dir,
    });
    assert.is(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /WARNING: the records disagree with the OpenAPI spec:\n {4}not in the spec: escalated\n {4}priority: the spec says bigint, the records hold text\n {4}100 of 100 records fail the spec's schema: tickets: record 0 of page 1 \(id=1\) failed its schema: \$\.priority: /,
    );
    assert.match(result.stderr, /added tickets\.columns\.escalated \{"data_type":"bool"\}/);
    assert.not.match(result.stderr, /added tickets\.columns\.(priority|subject)/);
  } finally {
    api.setOptions({ mutate: undefined });
  }
});

test.run();
