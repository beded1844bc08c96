// Generated files are reviewable: adding a resource to a config only adds lines (import and export
// lists one name per line once long), and long lists never make a line of thousands of characters.
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generate } from "../pipeline.ts";
import { formatTypeScript } from "../../../generator/emit/format.ts";

const seed = JSON.parse(readFileSync(new URL("../../../configs/customer_support.json", import.meta.url), "utf8")) as {
  resources: { name: string; endpoint: { path: string } }[];
};

/** The seed with `n` copies of its resource, all in one config named "many" (same source name, so headers match). */
function config(n: number): string {
  const [resource] = seed.resources;
  const resources = Array.from({ length: n }, (_, i) => ({
    ...resource,
    name: `res_${String(i).padStart(2, "0")}`,
    endpoint: { ...resource!.endpoint, path: `/v1/res${i}` },
  }));
  return JSON.stringify({ ...seed, $schema: undefined, name: "many", resources });
}

/** Whether `small`'s lines appear in `large` in order (`large` only adds lines). */
function onlyAdds(small: string, large: string): string | null {
  const lines = large.split("\n");
  let at = 0;
  for (const line of small.split("\n")) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at === lines.length) return line;
    at++;
  }
  return null;
}

test("adding a 13th resource to a 12-resource config only adds lines, in every generated file", () => {
  const before = generate(config(12), { source: "configs/many.json" });
  const after = new Map(generate(config(13), { source: "configs/many.json" }).map((f) => [f.path, f.content]));
  for (const file of before) {
    const changed = onlyAdds(file.content, after.get(file.path) ?? "");
    assert.is(changed, null, `${file.path}: a line changed instead of lines being added: ${changed?.slice(0, 120)}`);
  }
});

test("no generated line of a 40-resource connector is longer than 160 characters", () => {
  for (const file of generate(config(40), { source: "configs/many.json" })) {
    const longest = Math.max(...file.content.split("\n").map((line) => line.length));
    assert.ok(longest <= 160, `${file.path}: a line of ${longest} characters`);
  }
});

test("a long named import or export list gets one name per line; a short one stays on one line", () => {
  const names = Array.from({ length: 12 }, (_, i) => `schemaNumber${i}`);
  const source = `import { ${names.join(", ")} } from "./schema.ts";\nexport type { A, B } from "./x.ts";\nexport { ${names.join(", ")} };\n`;
  const formatted = formatTypeScript("x.ts", source);
  assert.ok(formatted.startsWith(`import {\n  ${names.join(",\n  ")},\n} from "./schema.ts";\n`), formatted);
  assert.match(formatted, 'export type { A, B } from "./x.ts";');
  assert.match(formatted, `export {\n  ${names.join(",\n  ")},\n};`);
});

test.run();
