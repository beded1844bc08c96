import { test } from "uvu";
import * as assert from "uvu/assert";
import { childRowId, keyRowId, UniqueRowIds } from "../../../runtime/normalize/row-ids.ts";
import { RowNormalizer } from "../../../runtime/normalize/row-normalizer.ts";
import type { TableSpec, WriteDisposition } from "../../../runtime/connector.ts";

const ID = /^[A-Za-z0-9_-]{22}$/;

test("key ids are stable, compact, and differ by table, key value and key shape", () => {
  const id = keyRowId("orders", [1]);
  assert.match(id, ID);
  assert.is(keyRowId("orders", [1]), id);
  // Pinned: changing the derivation would make every stored root row look changed on the next merge.
  assert.is(id, "xJOzguxrNhhTmLIEyjM0dd");
  assert.is(keyRowId("orders", [1n]), id);
  const others = [keyRowId("users", [1]), keyRowId("orders", [2]), keyRowId("orders", ["1", ""]), keyRowId("orders", [1, null]), keyRowId("orders", ['1","'])];
  assert.is(new Set([id, ...others]).size, others.length + 1);
});

test("child ids derive from the parent id, the field and the position", () => {
  const parent = keyRowId("orders", [1]);
  const id = childRowId(parent, "items", 0);
  assert.is(id, "a0h6x4e1cwJ9gBySFOSY-L");
  assert.is(childRowId(parent, "items", 0), id);
  const others = [childRowId(parent, "items", 1), childRowId(parent, "tags", 0), childRowId(keyRowId("orders", [2]), "items", 0)];
  assert.is(new Set([id, ...others]).size, 4);
});

test("unique ids differ per row and per source, and need no hashing", () => {
  const a = new UniqueRowIds();
  const b = new UniqueRowIds();
  const ids = [a.next(0), a.next(1), b.next(0), b.next(1)];
  assert.is(new Set(ids).size, 4);
  assert.is(a.next(0), ids[0]);
});

const rootIds = (disposition: WriteDisposition, primaryKey: string[]) => {
  const spec: TableSpec = { name: "t", writeDisposition: disposition, primaryKey, columns: [] };
  const runs = [0, 1].map(() => {
    const n = new RowNormalizer(spec);
    n.add({ id: 1, v: "a" });
    n.add({ id: 1, v: "b" });
    const batch = n.takeBatch();
    const at = batch.columns.findIndex((c) => c.name === "_gc_id");
    return batch.rows.map((r) => r[at]);
  });
  return { first: runs[0]!, second: runs[1]! };
};

const idCases: [WriteDisposition, string[], string][] = [
  ["merge", ["id"], "keyed: the same key gives the same id, in a load and across loads"],
  ["replace", ["id"], "keyed: replace with a key too"],
  ["append", ["id"], "unique: appended rows are versions"],
  ["merge", [], "unique: no primary key"],
];

for (const [disposition, pk, name] of idCases) {
  test(`root ids, ${disposition} ${pk.length > 0 ? "with" : "without"} a key: ${name}`, () => {
    const { first, second } = rootIds(disposition, pk);
    const keyed = name.startsWith("keyed");
    assert.is(first[0] === first[1], keyed);
    assert.is(first[0] === second[0], keyed);
    assert.equal(first[0], keyed ? keyRowId("t", [1]) : first[0]);
  });
}

test.run();
