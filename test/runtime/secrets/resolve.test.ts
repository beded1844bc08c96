import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MissingSecretError } from "../../../runtime/errors.ts";
import { loadDotenv, resolveSecret, resolveSecretOr, secretVariable } from "../../../runtime/secrets/resolve.ts";

test("secretVariable upper-cases and maps non-alphanumerics to _", () => {
  const cases: [name: string, variable: string][] = [
    ["api_key", "API_KEY"],
    ["github.token", "GITHUB_TOKEN"],
    ["my-api key2", "MY_API_KEY2"],
    ["TOKEN", "TOKEN"],
  ];
  for (const [name, variable] of cases) assert.is(secretVariable(name), variable, name);
});

test("resolveSecret: env wins, then .env; empty counts as missing", () => {
  const ref = { $secret: "api_key" };
  const cases: [env: Record<string, string | undefined>, dotenv: Record<string, string>, value: string][] = [
    [{ API_KEY: "from-env" }, { API_KEY: "from-file" }, "from-env"],
    [{}, { API_KEY: "from-file" }, "from-file"],
    [{ API_KEY: "" }, { API_KEY: "from-file" }, "from-file"],
    [{ API_KEY: undefined }, { API_KEY: "from-file" }, "from-file"],
  ];
  for (const [env, dotenv, value] of cases) assert.is(resolveSecret(ref, { env, dotenv }), value);
});

test("a missing secret throws MissingSecretError naming the secret and the variable", () => {
  for (const source of [
    { env: {}, dotenv: {} },
    { env: { API_KEY: "" }, dotenv: { API_KEY: "" } },
  ]) {
    try {
      resolveSecret({ $secret: "api_key" }, source);
      assert.unreachable("should throw");
    } catch (error) {
      assert.instance(error, MissingSecretError);
      const missing = error as MissingSecretError;
      assert.is(missing.secretName, "api_key");
      assert.is(missing.variable, "API_KEY");
      assert.is(missing.exitCode, 2);
      assert.match(missing.message, "API_KEY");
    }
  }
});

test("resolveSecretOr passes literals through", () => {
  assert.is(resolveSecretOr("alice", { env: {}, dotenv: {} }), "alice");
  assert.is(resolveSecretOr({ $secret: "user" }, { env: { USER: "bob" }, dotenv: {} }), "bob");
});

test("loadDotenv parses <dir>/.env and returns {} when absent", () => {
  const dir = mkdtempSync(join(tmpdir(), "gen-connector-dotenv-"));
  try {
    assert.equal(loadDotenv(dir), {});
    writeFileSync(join(dir, ".env"), '# comment\nAPI_KEY=abc123\nQUOTED="with spaces"\nexport_ME=1\n');
    const parsed = loadDotenv(dir);
    assert.is(parsed["API_KEY"], "abc123");
    assert.is(parsed["QUOTED"], "with spaces");
    assert.is(resolveSecret({ $secret: "api_key" }, { env: {}, dotenv: parsed }), "abc123");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
