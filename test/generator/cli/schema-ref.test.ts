// schemaReference: the `$schema` init writes resolves inside the user's project, wherever the running
// gen-connector is installed.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { schemaReference } from "../../../generator/cli/schema-ref.ts";
import { ROOT } from "../../helpers/cli.ts";

const OURS = join(ROOT, "generated/config.schema.json");

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "gc-schema-ref-"));
  writeFileSync(join(dir, "package.json"), "{}\n");
  return dir;
}

test("the running schema inside the config's project (this repository, a local install): the path to it", () => {
  const dir = project();
  const running = join(dir, "vendor/gen-connector/generated/config.schema.json");
  mkdirSync(join(dir, "vendor/gen-connector/generated"), { recursive: true });
  writeFileSync(running, "{}");
  assert.equal(schemaReference(join(dir, "configs/x.json"), running), { path: "../vendor/gen-connector/generated/config.schema.json" });
  assert.equal(schemaReference(join(dir, "x.json"), running), { path: "./vendor/gen-connector/generated/config.schema.json" });
  assert.equal(schemaReference(join(ROOT, "configs/x.json"), OURS), { path: "../generated/config.schema.json" });
});

test("the running one outside the project, but gen-connector installed up the tree: node_modules/gen-connector", () => {
  const dir = project();
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules/gen-connector"), "dir");
  mkdirSync(join(dir, "packages/app"), { recursive: true });
  writeFileSync(join(dir, "packages/app/package.json"), "{}\n"); // a workspace: the install is hoisted to the root
  assert.equal(schemaReference(join(dir, "x.json"), OURS), { path: "./node_modules/gen-connector/generated/config.schema.json" });
  assert.equal(schemaReference(join(dir, "packages/app/configs/x.yaml"), OURS), { path: "../../../node_modules/gen-connector/generated/config.schema.json" });
});

test("not installed in the project (npx, a global install): where a local install puts it, with a note", () => {
  const dir = project();
  const ref = schemaReference(join(dir, "config/x.json"), OURS);
  assert.is(ref.path, "../node_modules/gen-connector/generated/config.schema.json");
  assert.match(ref.note ?? "", /does not exist yet: `npm install --save-dev gen-connector` in .* provides it/);
});

test.run();
