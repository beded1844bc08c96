// `tsc --strict --noEmit` over the whole project, generated/ included: generated code must compile.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";

const root = new URL("../../", import.meta.url);

test("tsc --noEmit passes over generator/, runtime/, generated/, test/ and bench/", async () => {
  const result = await promisify(execFile)(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.json"], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    () => ({ ok: true, output: "" }),
    (error: { stdout?: string }) => ({ ok: false, output: error.stdout ?? String(error) }),
  );
  assert.ok(result.ok, result.output);
});

test.run();
