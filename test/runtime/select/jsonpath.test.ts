import { test } from "uvu";
import * as assert from "uvu/assert";
import { compilePath, getPath, JsonPathSyntaxError } from "../../../runtime/select/jsonpath.ts";

const doc = {
  results: { posts: [{ id: 1 }, { id: 2 }] },
  "many-results": [1, 2],
  "@odata.value": ["o"],
  "a.b": "dotted",
  "it's": "quoted",
  data: [
    { id: "x", tags: ["t1"] },
    { id: "y", tags: ["t2", "t3"] },
  ],
  meta: { total: 7, next: null },
  $ref: "r",
};

const matches: [path: string, expected: unknown[]][] = [
  ["$", [doc]],
  ["results.posts", [[{ id: 1 }, { id: 2 }]]],
  ["$.results.posts", [[{ id: 1 }, { id: 2 }]]],
  ["many-results", [[1, 2]]],
  ["['@odata.value']", [["o"]]],
  ["$['@odata.value']", [["o"]]],
  ['$["a.b"]', ["dotted"]],
  ["$['it\\'s']", ["quoted"]],
  ["$[ 'meta' ][\"total\"]", [7]],
  ["data[*].id", ["x", "y"]],
  ["data.*.id", ["x", "y"]],
  ["$.data[*].tags[*]", ["t1", "t2", "t3"]],
  ["data[1].tags[0]", ["t2"]],
  ["data[-1].id", ["y"]],
  ["meta.*", [7, null]],
  ["$.meta[*]", [7, null]],
  ["*", Object.values(doc)],
  ["meta.next", [null]],
  ["$['$ref']", ["r"]],
  ["x.$ref", []],
  ["missing", []],
  ["meta.total.deeper", []],
  ["data[5]", []],
  ["data.id", []],
  ["results[0]", []],
  ["constructor", []],
  ["__proto__", []],
  ["data.length", []],
];
for (const [path, expected] of matches) {
  test(`match ${path}`, () => {
    assert.equal(compilePath(path)(doc), expected);
  });
}

test("a dotted key may contain $ and @", () => {
  assert.equal(compilePath("a.$ref")({ a: { $ref: 1 } }), [1]);
  assert.equal(compilePath("@odata")({ "@odata": 2 }), [2]);
});

test("scalars and null roots match only `$`", () => {
  assert.equal(compilePath("$")(null), [null]);
  assert.equal(compilePath("a")(null), []);
  assert.equal(compilePath("[*]")("abc"), []);
  assert.equal(compilePath("[*]")([1, 2]), [1, 2]);
});

const invalid: [path: string, position: number, reason: RegExp][] = [
  ["", 0, /empty/],
  ["data[?(@.id)]", 5, /filters are not supported/],
  ["data[?@.id]", 5, /filters are not supported/],
  ["data?", 4, /filters are not supported/],
  ["data[(@.length-1)]", 5, /script expressions are not supported/],
  ["$..id", 1, /recursive descent/],
  ["data[0:2]", 6, /slices are not supported/],
  ["data[0,1]", 6, /unions are not supported/],
  ["data['a','b']", 8, /unions are not supported/],
  ["data[", 5, /unexpected end/],
  ["data[0", 6, /missing '\]'/],
  ["data['x]", 5, /unterminated quoted key/],
  ["data.", 5, /expected a key after '.'/],
  ["data]", 4, /unexpected character '\]'/],
  [" data", 0, /unexpected character ' '/],
  ["$x", 1, /unexpected character 'x'/],
  ["data[abc]", 5, /expected '\*', an index or a quoted key/],
  ["a.b c", 3, /unexpected character ' '/],
];
for (const [path, position, reason] of invalid) {
  test(`invalid ${JSON.stringify(path)}`, () => {
    try {
      compilePath(path);
      assert.unreachable();
    } catch (e) {
      assert.instance(e, JsonPathSyntaxError);
      assert.instance(e, SyntaxError);
      const error = e as JsonPathSyntaxError;
      assert.is(error.position, position);
      assert.is(error.path, path);
      assert.ok(error.message.startsWith(`invalid JSONPath ${JSON.stringify(path)} at position ${position}: `), error.message);
      assert.match(error.message, reason);
    }
  });
}

test("getPath returns the first match or undefined", () => {
  assert.is(getPath(doc, "meta.total"), 7);
  assert.is(getPath(doc, "data[*].id"), "x");
  assert.is(getPath(doc, "meta.next"), null);
  assert.is(getPath(doc, "nope"), undefined);
  assert.is(getPath(doc, "nope"), undefined);
  assert.throws(
    () => getPath(doc, "a..b"),
    (e: unknown) => e instanceof JsonPathSyntaxError,
  );
});

test("a large array under a wildcard does not overflow the stack", () => {
  const big = Array.from({ length: 300_000 }, (_, i) => i);
  assert.is(compilePath("$[*]")(big).length, 300_000);
});

test.run();
