// Import specifiers of generated code follow the `.js` convention: between the connector's files and
// to `$hook` modules, whatever extension the hook was written with.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { emittedSpecifier, relativeSpecifier, siblingSpecifier } from "../../../generator/emit/specifier.ts";
import { generate } from "../pipeline.ts";

const emitted: [string, string][] = [
  ["./hooks/a.ts", "./hooks/a.js"],
  ["./hooks/a.tsx", "./hooks/a.js"],
  ["./hooks/a.mts", "./hooks/a.mjs"],
  ["./hooks/a.cts", "./hooks/a.cjs"],
  ["./hooks/a.js", "./hooks/a.js"],
  ["./hooks/a.mjs", "./hooks/a.mjs"],
  ["./hooks/a.b.ts", "./hooks/a.b.js"],
  ["../ts/x.ts", "../ts/x.js"],
];

for (const [path, expected] of emitted) {
  test(`emittedSpecifier: ${path} → ${expected}`, () => {
    assert.is(emittedSpecifier(path), expected);
  });
}

test("relativeSpecifier: from the output folder to a module, `./` when not above", () => {
  assert.is(relativeSpecifier("generated/x", "configs/hooks/h.ts"), "../../configs/hooks/h.js");
  assert.is(relativeSpecifier("src", "src/hooks/h.mts"), "./hooks/h.mjs");
  assert.is(relativeSpecifier("out", "out/..hidden/h.ts"), "./..hidden/h.js");
});

test("siblingSpecifier: the connector's own files", () => {
  assert.is(siblingSpecifier("schema.ts"), "./schema.js");
});

const config = JSON.stringify({
  name: "hooked",
  client: {
    base_url: "https://api.example.com",
    auth: { type: "custom", $hook: "./hooks/auth.mts#auth" },
    paginator: { type: "custom", $hook: "./hooks/pages.js#pages" },
  },
  resources: [{ name: "things", endpoint: { path: "/things" }, processing_steps: [{ map: { $hook: "./steps.ts#shape" } }] }],
});

test("generated files import each other and their hooks by the compiled file names, never `.ts`", () => {
  const files = Object.fromEntries(generate(config, { source: "connectors/hooked.json", out: "src/hooked" }).map((f) => [f.path, f.content]));
  const client = files["client.ts"]!;
  const index = files["index.ts"]!;
  assert.match(client, /\} from "\.\/schema\.js";/);
  assert.match(client, 'import { auth as hook0 } from "../../connectors/hooks/auth.mjs";');
  assert.match(client, 'import { pages as hook1 } from "../../connectors/hooks/pages.js";');
  assert.match(index, 'import { clientSpec, endpoints } from "./client.js";');
  assert.match(index, 'import { tables } from "./loader.js";');
  assert.match(index, 'import { shape as hook0 } from "../../connectors/steps.js";');
  assert.match(index, 'export { HookedClient } from "./client.js";');
  for (const [path, content] of Object.entries(files)) assert.not.match(content, /from "[^"]*\.ts"/, path);
});

test.run();
