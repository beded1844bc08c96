// Hostile spec strings (quotes, backticks, `*/`, `${}`, newlines, line separators, regex slashes)
// in names, enum values, consts, patterns, descriptions and discriminators: the output compiles,
// imports with no side effect, and validates the hostile values as data.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { zodFromOpenApi } from "../../../../generator/emit/zod/index.ts";
import type { ZodMode } from "../../../../generator/model/model.ts";
import { context, evaluate, importModule, typeErrors } from "./support.ts";

const test = suite("openapi zod: hostile strings");

/** Sets the sentinel if any of it ever runs as code. */
const PAYLOAD = "${(globalThis as any).__pwned = 1}";
const H = `a"b'c\`d${PAYLOAD}*/e\nf\u2028g/h\\i\r*/ /* */ "); (globalThis as any).__pwned = 2; ("`;
const PATTERN = `^[a-z"'\`/*\\\\]*(\\$\\{x\\})?$`; // quotes, backtick, slash, star, backslash, ${…}

const schema = {
  type: "object",
  description: H,
  required: [H, "kind", "__proto__"],
  properties: {
    [H]: { type: "string", enum: [H, "plain", `${H}2`], description: H },
    kind: { type: "string", const: H, title: H },
    ["__proto__"]: { type: "string", description: "*/ __proto__" },
    constructor: { type: "string", deprecated: true, description: `*/\n${PAYLOAD}` },
    pattern: { type: "string", pattern: PATTERN, default: H, example: H },
    "*/": { type: "integer", format: `int64"); (globalThis as any).__pwned = 3; ("` },
    "`${x}`": {
      oneOf: [
        { type: "object", required: [H], properties: { [H]: { const: "a*/b" } } },
        { type: "object", required: [H], properties: { [H]: { enum: ["c`d"] } } },
      ],
      discriminator: { propertyName: H },
    },
  },
};
const sample = { [H]: H, kind: H, pattern: `ab"'\`/*\\\${x}`, "*/": 12, constructor: "x", "`${x}`": { [H]: "c`d" } };

for (const mode of ["lenient", "strict"] as ZodMode[]) {
  test(`${mode}: compiles, imports without side effect, validates hostile data`, async () => {
    const { expr, warnings } = zodFromOpenApi(schema, context(mode));
    assert.equal(warnings, []);
    for (const line of expr.split("\n")) {
      const comment = /\/\*\*(.*)\*\/$/.exec(line.trim());
      if (comment !== null) assert.not.match(comment[1] ?? "", "*/", `comment closed early: ${line}`);
    }
    assert.not.match(expr, "\u2028");
    const source = `import { z } from "zod";\nexport const S = ${expr};\n`;
    assert.equal(await typeErrors(source), []);
    const S = (await importModule(source))["S"] as { safeParse(v: unknown): { success: boolean; data?: unknown } };
    assert.is((globalThis as Record<string, unknown>)["__pwned"], undefined);
    const parsed = S.safeParse(sample);
    assert.ok(parsed.success, JSON.stringify(parsed));
    assert.not.ok(S.safeParse({ ...sample, kind: "other" }).success);
    assert.is(S.safeParse({ ...sample, "`${x}`": { [H]: "zzz" } }).success, mode === "lenient", "unknown tags: open only in lenient mode");
    if (mode === "strict") {
      assert.not.ok(S.safeParse({ ...sample, pattern: "A" }).success);
      assert.not.ok(S.safeParse({ ...sample, [H]: "unknown" }).success);
    }
  });
}

test("a __proto__ key in data validates without touching prototypes", async () => {
  const { expr } = zodFromOpenApi(
    { type: "object", properties: { ["__proto__"]: { type: "object", properties: { polluted: { type: "boolean" } } } } },
    context("lenient"),
  );
  assert.is(expr, 'z.looseObject({ ["__proto__"]: z.looseObject({ polluted: z.boolean().nullish() }).nullish() })');
  const S = (await importModule(`import { z } from "zod";\nexport const S = ${expr};\n`))["S"] as { parse(v: unknown): unknown };
  const out = S.parse(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as Record<string, unknown>;
  assert.is(Object.getPrototypeOf(out), Object.prototype);
  assert.is(({} as Record<string, unknown>)["polluted"], undefined);
});

test("an absent property named like an Object.prototype member is absent, not the inherited function", async () => {
  for (const mode of ["lenient", "strict"] as ZodMode[]) {
    const { expr } = zodFromOpenApi(
      { type: "object", required: ["id"], properties: { id: { type: "integer" }, constructor: { type: "string" }, toString: { type: "integer" } } },
      context(mode),
    );
    const S = await evaluate(expr);
    // zod sets the key (it exists through the prototype) to undefined: the same row, and the same JSON.
    const parsed = S.parse({ id: 1 }) as Record<string, unknown>;
    assert.equal([parsed["id"], parsed["constructor"], parsed["toString"]], [1, undefined, undefined], mode);
    assert.is(JSON.stringify(parsed), '{"id":1}');
    assert.equal(S.parse({ id: 1, constructor: "c", toString: 2 }), { id: 1, constructor: "c", toString: 2 }, mode);
    assert.not.ok(S.safeParse({ id: 1, constructor: 5 }).success, mode);
  }
  const required = await evaluate(
    zodFromOpenApi({ type: "object", required: ["constructor"], properties: { constructor: { type: "string" } } }, context("lenient")).expr,
  );
  assert.not.ok(required.safeParse({}).success, "a required one is still required");
});

test("descriptions are one defused comment line", () => {
  const { expr } = zodFromOpenApi(
    { type: "object", properties: { a: { type: "string", description: "line 1\nline 2 */ alert(1) /*\u2029end" } } },
    context("lenient"),
  );
  assert.is(expr, "z.looseObject({\n  /** line 1 line 2 *\\/ alert(1) /* end */\n  a: z.string().nullish(),\n})");
});

test.run();
