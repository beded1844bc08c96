import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../runtime/errors.ts";
import { identList, qualifiedName, quoteIdent } from "../../../runtime/destinations/sql.ts";

const cases: [string, string][] = [
  ["plain", '"plain"'],
  ['a"b', '"a""b"'],
  ['"; DROP TABLE x; --', '"""; DROP TABLE x; --"'],
  ["back\\slash", '"back\\slash"'],
  ["new\nline", '"new\nline"'],
  ["", '""'],
];

for (const [input, expected] of cases) {
  test(`quoteIdent(${JSON.stringify(input)})`, () => assert.is(quoteIdent(input), expected));
}

test("NUL is refused", () => {
  assert.throws(
    () => quoteIdent("a\0b"),
    (e: unknown) => e instanceof DestinationError,
  );
});

test("qualified names and lists quote every part", () => {
  assert.is(qualifiedName('s"', "t"), '"s"""."t"');
  assert.is(qualifiedName("s", "t"), '"s"."t"');
  assert.is(identList(["a", 'b"']), '"a", "b"""');
});

test.run();
