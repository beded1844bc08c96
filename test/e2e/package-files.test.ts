// What `npm pack` ships: the bundled CLI and runtime (dist/bundle/, with the declarations tsc writes, built
// by prepack), the templates, the config's JSON Schema, the license and the README; never the TypeScript
// sources, tests, benchmarks, specs or golden output, nor unbundled JavaScript.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";

interface PackEntry {
  readonly path: string;
}

const packed = (): string[] => {
  const output = execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const [report] = JSON.parse(output) as { files: PackEntry[] }[];
  return (report?.files ?? []).map((f) => f.path).sort();
};

test("the tarball holds what a user runs and nothing of the repository's own tooling", () => {
  const files = packed();
  for (const needed of [
    "LICENSE",
    "README.md",
    "package.json",
    "bin/gen-connector.js",
    "dist/bundle/cli.js",
    "dist/bundle/runtime.js",
    "dist/runtime/index.d.ts",
    "generated/config.schema.json",
  ]) {
    assert.ok(files.includes(needed), `${needed} is shipped`);
  }
  assert.ok(
    files.some((f) => f.startsWith("templates/") && f.endsWith(".hbs")),
    "templates are shipped",
  );
  const stray = files.filter(
    (f) =>
      /^(test|bench|specs|tmp|tools|generator|runtime)\//.test(f) ||
      (f.startsWith("dist/") && f.endsWith(".js") && !f.startsWith("dist/bundle/")) ||
      (f.startsWith("generated/") && f !== "generated/config.schema.json") ||
      (f.startsWith("bin/") && f !== "bin/gen-connector.js"),
  );
  assert.equal(stray, []);
});

test("the package exports the runtime, the config's JSON Schema and its package.json", () => {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { exports: Record<string, unknown>; license: string };
  const runtime = { "gen-connector-source": "./runtime/index.ts", types: "./dist/runtime/index.d.ts", default: "./dist/bundle/runtime.js" };
  assert.equal(
    manifest.exports["./runtime"],
    runtime,
    "types from dist/, JavaScript from the bundle; the TypeScript source only under the checkout's own condition",
  );
  assert.equal(manifest.exports["."], runtime);
  assert.is(manifest.exports["./config.schema.json"], "./generated/config.schema.json");
  assert.is(manifest.exports["./package.json"], "./package.json");
  assert.match(readFileSync(new URL("../../LICENSE", import.meta.url), "utf8"), /^MIT License/);
  assert.is(manifest.license, "MIT");
});

test("a bin with neither the source nor dist/ beside it says the package is not built (exit 2)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gc-unbuilt-"));
  mkdirSync(join(dir, "bin"));
  copyFileSync(join(ROOT, "bin/gen-connector.js"), join(dir, "bin/gen-connector.js"));
  const result = await runCli(["--help"], { bin: join(dir, "bin/gen-connector.js"), cwd: dir });
  rmSync(dir, { recursive: true, force: true });
  assert.is(result.code, 2);
  assert.match(result.stderr, "error: gen-connector is not built: neither generator/cli.ts nor dist/bundle/cli.js is beside bin/");
});

test.run();
