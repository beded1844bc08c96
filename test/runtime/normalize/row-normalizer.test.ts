import { test } from "uvu";
import * as assert from "uvu/assert";
import { RowNormalizer } from "../../../runtime/normalize/row-normalizer.ts";
import type { ColumnSpec, TableSpec } from "../../../runtime/connector.ts";
import type { RowBatch } from "../../../runtime/destinations/destination.ts";

function table(columns: ColumnSpec[] = [], primaryKey: string[] = ["id"]): TableSpec {
  return { name: "items", writeDisposition: "merge", primaryKey, columns };
}

/** The batch without gen-connector's `_gc_*` link columns (covered in nested.test.ts). */
function data(batch: RowBatch): RowBatch {
  const keep = batch.columns.flatMap((c, i) => (c.name.startsWith("_gc_") ? [] : [i]));
  return { columns: keep.map((i) => batch.columns[i]!), rows: batch.rows.map((row) => keep.filter((i) => i < row.length).map((i) => row[i]!)) };
}

/** The batch as one object per row, keyed by column name, with only non-null data cells. */
function objects(full: RowBatch): Record<string, unknown>[] {
  const batch = data(full);
  return batch.rows.map((row) => {
    const out: Record<string, unknown> = {};
    batch.columns.forEach((c, i) => {
      const v = row[i];
      if (v !== null && v !== undefined) out[c.name] = v;
    });
    return out;
  });
}

function types(batch: RowBatch): Record<string, string> {
  return Object.fromEntries(data(batch).columns.map((c) => [c.name, c.dataType]));
}

test("flattens nested objects into parent__child columns; lists go to nested tables", () => {
  const n = new RowNormalizer(table());
  n.add({ id: 1, user: { firstName: "Ada", address: { zipCode: "123" } }, tags: ["a", "b"], empty: {} });
  const [root, tags, ...rest] = n.takeBatches();
  assert.equal(rest, []);
  assert.equal(objects(root!.batch), [{ id: 1, user__first_name: "Ada", user__address__zip_code: "123" }]);
  assert.equal(types(root!.batch), { id: "bigint", user__first_name: "text", user__address__zip_code: "text" });
  assert.is(tags!.table.name, "items__tags");
  assert.equal(objects(tags!.batch), [{ value: "a" }, { value: "b" }]);
});

test("infers types from the first non-null value", () => {
  const n = new RowNormalizer(table());
  // biome-ignore lint/correctness/noPrecisionLoss: a number beyond 2^53 on purpose (it arrives as ...992)
  n.add({ id: 1, a: null, b: 1.5, c: true, d: "x", e: 2n ** 60n, f: 9007199254740993 });
  n.add({ id: 2, a: 7 });
  const batch = n.takeBatch();
  assert.equal(types(batch), { id: "bigint", a: "bigint", b: "double", c: "bool", d: "text", e: "bigint", f: "double" });
  assert.equal(objects(batch), [
    { id: 1, b: 1.5, c: true, d: "x", e: 2n ** 60n, f: 9007199254740992 },
    { id: 2, a: 7 },
  ]);
});

test("declared columns come first and their types win", () => {
  const n = new RowNormalizer(
    table([
      { name: "id", dataType: "text", nullable: false },
      { name: "meta", dataType: "json", nullable: true },
      { name: "amount", dataType: "decimal", nullable: true },
      { name: "when", dataType: "timestamp", nullable: true },
      { name: "score", dataType: "double", nullable: true },
    ]),
  );
  n.add({ extra: 1, id: "a1", meta: { deep: { x: 1 } }, amount: "12.50", when: "2024-01-02T03:04:05Z", score: 3 });
  const batch = n.takeBatch();
  assert.equal(
    data(batch).columns.map((c) => c.name),
    ["id", "meta", "amount", "when", "score", "extra"],
  );
  assert.equal(objects(batch), [{ id: "a1", meta: '{"deep":{"x":1}}', amount: "12.50", when: "2024-01-02T03:04:05Z", score: 3, extra: 1 }]);
});

test("a fraction widens an inferred bigint column to double before the first batch", () => {
  const n = new RowNormalizer(table());
  n.add({ id: 1, price: 10 });
  n.add({ id: 2, price: 10.5 });
  const batch = n.takeBatch();
  assert.is(types(batch)["price"], "double");
  assert.equal(
    objects(batch).map((r) => r["price"]),
    [10, 10.5],
  );
});

test("rows keep nulls for missing fields and columns added later are null-padded", () => {
  const n = new RowNormalizer(table());
  n.add({ id: 1 });
  n.add({ id: 2, later: "x" });
  const batch = n.takeBatch();
  assert.equal(data(batch).rows[0], [1]);
  assert.equal(data(batch).rows[1], [2, "x"]);
  assert.ok(batch.rows.every((row) => row.every((v) => v !== undefined)));
});

test("takeBatch returns rows since the last take and resets pending", () => {
  const n = new RowNormalizer(table());
  n.add({ id: 1 });
  n.add({ id: 2 });
  assert.is(n.pending, 2);
  assert.is(n.takeBatch().rows.length, 2);
  assert.is(n.pending, 0);
  n.add({ id: 3, x: "y" });
  const second = n.takeBatch();
  assert.equal(objects(second), [{ id: 3, x: "y" }]);
  assert.equal(
    data(second).columns.map((c) => c.name),
    ["id", "x"],
  );
  assert.is(n.takeBatch().rows.length, 0);
});

test("hostile keys become safe column names and the values stay intact", () => {
  const long = "k".repeat(300);
  const n = new RowNormalizer(table());
  // JSON.parse, like the HTTP layer: `__proto__` arrives as an own property.
  const record = JSON.parse(`{"id":1,"a\\"b":1,"c;d":2,"e--f":3,"g\\nh":4,"${long}":5,"__proto__":6,"x\\\\y":7}`) as Record<string, unknown>;
  n.add(record);
  const batch = n.takeBatch();
  const names = batch.columns.map((c) => c.name);
  assert.equal(names.slice(0, 5), ["id", "a_b", "c_d", "e_f", "g_h"]);
  assert.ok(names.every((name) => /^[a-z0-9_]{1,63}$/.test(name)));
  assert.equal(data(batch).rows[0], [1, 1, 2, 3, 4, 5, 6, 7]);
});

test("a record that fails adds no columns and no row", () => {
  const n = new RowNormalizer(table());
  n.add({ id: 1, a: 1 });
  assert.throws(() => n.add({ id: 2, brandNew: "x", nested: { deep: 1 }, a: "not a number" }));
  n.add({ id: 3, nested: "now a string" });
  const batch = n.takeBatch();
  assert.equal(
    data(batch).columns.map((c) => c.name),
    ["id", "a", "nested"],
  );
  assert.equal(objects(batch), [
    { id: 1, a: 1 },
    { id: 3, nested: "now a string" },
  ]);
});

test.run();
