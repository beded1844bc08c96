import { test } from "uvu";
import * as assert from "uvu/assert";
import { ExactDecimal } from "../../../runtime/json/exact-decimal.ts";
import { childRowId, keyRowId, recordHash, UniqueRowIds } from "../../../runtime/normalize/row-ids.ts";
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

test("child ids are the parent id and the position: stable, and unique within a table at any depth", () => {
  const parent = keyRowId("orders", [1]);
  const id = childRowId(parent, 0);
  assert.is(id, "xJOzguxrNhhTmLIEyjM0dd.0");
  assert.is(childRowId(parent, 10), "xJOzguxrNhhTmLIEyjM0dd.a");
  // Parents of one table (keyed, unique, or items themselves, whose ids hold dots) and their positions:
  // every pair gives its own id.
  const unique = new UniqueRowIds();
  const parents = [parent, keyRowId("orders", [2]), unique.next(1), unique.next(37), childRowId(parent, 1), childRowId(childRowId(parent, 1), 0)];
  const ids = parents.flatMap((p) => [0, 1, 35, 36, 1296].map((i) => childRowId(p, i)));
  assert.is(new Set(ids).size, ids.length);
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

test("scd2's record hash: key order does not matter, every field and nested value and exact digit does", () => {
  const h = recordHash({ id: 1, b: { x: [1, 2] }, a: "s" });
  assert.match(h, ID);
  assert.is(recordHash({ a: "s", id: 1, b: { x: [1, 2] } }), h);
  assert.is.not(recordHash({ id: 1, b: { x: [2, 1] }, a: "s" }), h, "a change inside a nested list is a new version");
  assert.is.not(recordHash({ id: 1, b: { x: [1, 2] }, a: "s", c: null }), h);
  assert.is.not(recordHash({ n: new ExactDecimal("0.10000000000000000001") }), recordHash({ n: new ExactDecimal("0.1") }));
  assert.is.not(recordHash({ a: "1" }), recordHash({ a: 1 }));
});

test("scd2 root ids derive from the version: the row hash (stored in _gc_row_hash) or the row version column", () => {
  const spec: TableSpec = { name: "t", writeDisposition: "merge", primaryKey: [], columns: [], merge: { strategy: "scd2" } };
  const idsOf = (table: TableSpec, records: Record<string, unknown>[]) => {
    const n = new RowNormalizer(table);
    for (const r of records) n.add(r);
    const batch = n.takeBatch();
    const col = (name: string) => batch.columns.findIndex((c) => c.name === name);
    return batch.rows.map((r) => [r[col("_gc_id")], col("_gc_row_hash") < 0 ? undefined : r[col("_gc_row_hash")]]);
  };
  const [a, b, c] = idsOf(spec, [
    { id: 1, v: "a" },
    { v: "a", id: 1 },
    { id: 1, v: "b" },
  ]);
  assert.equal(a, b);
  assert.is(a?.[1], recordHash({ id: 1, v: "a" }));
  assert.is(a?.[0], a?.[1], "the row hash is the version's id");
  assert.is.not(c?.[0], a?.[0]);
  const own = { ...spec, merge: { strategy: "scd2" as const, scd2: { rowVersionColumn: "rev" } } };
  const [x, y] = idsOf(own, [
    { id: 1, v: "a", rev: 7 },
    { id: 1, v: "b", rev: 7 },
  ]);
  assert.equal(x, y, "the row version column alone decides");
  assert.is(x?.[1], undefined, "no row hash column");
  assert.throws(() => idsOf(own, [{ id: 1 }]), /row_version_column_name "rev"; scd2 needs one per record/);
});

test.run();
