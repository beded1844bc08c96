// Biome over the repository (biome.jsonc): a lint finding or a file not formatted as `npm run format`
// writes it fails the tests.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";

const root = new URL("../../", import.meta.url);

test("biome ci: every file formatted, no lint finding (rules and their reasons: biome.jsonc)", async () => {
  const args = ["node_modules/@biomejs/biome/bin/biome", "ci", "--error-on-warnings", "--colors=off", "--max-diagnostics=50", "."];
  const result = await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 }).then(
    () => ({ ok: true, output: "" }),
    (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ""}${error.stderr ?? String(error)}` }),
  );
  assert.ok(result.ok, `${result.output}\nnpm run lint shows the same; npx biome lint --write . applies the safe fixes`);
});

test.run();
