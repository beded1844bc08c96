import { test } from "uvu";
import * as assert from "uvu/assert";
import type { RowBatch } from "../../../runtime/destinations/destination.ts";
import { RowNormalizer, type TableBatch } from "../../../runtime/normalize/row-normalizer.ts";
import type { TableSpec } from "../../../runtime/connector.ts";

function table(over: Partial<TableSpec> = {}): TableSpec {
  return { name: "t", writeDisposition: "merge", primaryKey: ["id"], columns: [], ...over };
}

/** A batch as objects with only non-null cells; `_gc_*` link columns left out unless `links`. */
function objects(batch: RowBatch, links = false): Record<string, unknown>[] {
  return batch.rows.map((row) => {
    const out: Record<string, unknown> = {};
    batch.columns.forEach((c, i) => {
      const v = row[i];
      if (v !== null && v !== undefined && (links || !c.name.startsWith("_gc_"))) out[c.name] = v;
    });
    return out;
  });
}

function byTable(batches: readonly TableBatch[]): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(batches.map((b) => [b.table.name, objects(b.batch)]));
}

function normalize(records: Record<string, unknown>[], over: Partial<TableSpec> = {}): TableBatch[] {
  const n = new RowNormalizer(table(over));
  for (const r of records) n.add(r);
  return n.takeBatches();
}

interface Case {
  readonly name: string;
  readonly records: Record<string, unknown>[];
  readonly table?: Partial<TableSpec>;
  readonly expect: Record<string, Record<string, unknown>[]>;
}

const cases: Case[] = [
  {
    name: "a list of scalars: one `value` row per item, nulls kept as empty rows",
    records: [{ id: 1, tags: ["a", null, "c"] }],
    expect: { t: [{ id: 1 }], t__tags: [{ value: "a" }, {}, { value: "c" }] },
  },
  { name: "an empty list makes no rows and no table", records: [{ id: 1, tags: [] }], expect: { t: [{ id: 1 }] } },
  {
    name: "a list of objects: each item flattened into columns",
    records: [{ id: 1, items: [{ sku: "a", price: { amount: 5 } }, { sku: "b" }] }],
    expect: { t: [{ id: 1 }], t__items: [{ sku: "a", price__amount: 5 }, { sku: "b" }] },
  },
  {
    name: "a list inside an object: <table>__<object>__<field>",
    records: [{ id: 1, a: { tags: ["x"] } }],
    expect: { t: [{ id: 1 }], t__a__tags: [{ value: "x" }] },
  },
  {
    name: "lists inside list items, recursively",
    records: [{ id: 1, items: [{ tags: ["x", "y"] }] }],
    expect: { t: [{ id: 1 }], t__items: [{}], t__items__tags: [{ value: "x" }, { value: "y" }] },
  },
  {
    name: "a list of lists: a wrapper row per inner list, its items in `…__list`",
    records: [{ id: 1, m: [[1, 2], [3]] }],
    expect: { t: [{ id: 1 }], t__m: [{}, {}], t__m__list: [{ value: 1 }, { value: 2 }, { value: 3 }] },
  },
  {
    name: "mixed items: scalars as `value`, objects as their fields",
    records: [{ id: 1, l: [1, { value: 2, x: "y" }] }],
    expect: { t: [{ id: 1 }], t__l: [{ value: 1 }, { value: 2, x: "y" }] },
  },
  {
    name: "a declared json column keeps its list as JSON",
    table: { columns: [{ name: "tags", dataType: "json", nullable: true }] },
    records: [{ id: 1, tags: ["a"] }],
    expect: { t: [{ tags: '["a"]', id: 1 }] },
  },
  {
    name: "max_table_nesting 0: every object and list is JSON",
    table: { maxTableNesting: 0 },
    records: [{ id: 1, a: { b: 1 }, l: [1], e: [] }],
    expect: { t: [{ id: 1, a: '{"b":1}', l: "[1]", e: "[]" }] },
  },
  {
    name: "max_table_nesting 1: one level of objects and lists, deeper as JSON",
    table: { maxTableNesting: 1 },
    records: [{ id: 1, a: { b: { c: 1 }, d: 2, l: [1] }, items: [{ x: { y: 1 }, z: [1], s: "k" }] }],
    expect: { t: [{ id: 1, a__b: '{"c":1}', a__d: 2, a__l: "[1]" }], t__items: [{ x: '{"y":1}', z: "[1]", s: "k" }] },
  },
  {
    name: "max_table_nesting 2: two levels",
    table: { maxTableNesting: 2 },
    records: [{ id: 1, a: { b: { c: { d: 1 } } }, items: [{ x: { y: { z: 1 } }, tags: [[1]] }] }],
    expect: { t: [{ id: 1, a__b__c: '{"d":1}' }], t__items: [{ x__y: '{"z":1}' }], t__items__tags: [{}], t__items__tags__list: [{ value: 1 }] },
  },
];

for (const c of cases) {
  test(`nested: ${c.name}`, () => {
    assert.equal(byTable(normalize(c.records, c.table)), c.expect);
  });
}

test("nested tables carry their parent and root, and the root's write disposition", () => {
  const batches = normalize([{ id: 1, items: [{ tags: ["x"] }] }], { writeDisposition: "replace" });
  assert.equal(
    batches.map((b) => [b.table.name, b.table.writeDisposition, b.table.nested, b.table.primaryKey]),
    [
      ["t", "replace", undefined, ["id"]],
      ["t__items", "replace", { parent: "t", root: "t" }, []],
      ["t__items__tags", "replace", { parent: "t__items", root: "t" }, []],
    ],
  );
});

test("link columns: each row's id, its parent's id, its position, its root's id and the root's ordinal", () => {
  const [root, items, tags] = normalize([{ id: 1 }, { id: 2, items: [{ tags: ["x", "y"] }, {}] }]);
  const [r1, r2] = objects(root!.batch, true);
  assert.equal([r1?.["_gc_root_seq"], r2?.["_gc_root_seq"]], [0, 1]);
  const its = objects(items!.batch, true);
  assert.equal(
    its.map((i) => [i["_gc_parent_id"], i["_gc_list_idx"], i["_gc_root_id"], i["_gc_root_seq"]]),
    [
      [r2?.["_gc_id"], 0, r2?.["_gc_id"], 1],
      [r2?.["_gc_id"], 1, r2?.["_gc_id"], 1],
    ],
  );
  const ts = objects(tags!.batch, true);
  assert.equal(
    ts.map((t) => [t["_gc_parent_id"], t["_gc_list_idx"], t["_gc_root_id"]]),
    [
      [its[0]?.["_gc_id"], 0, r2?.["_gc_id"]],
      [its[0]?.["_gc_id"], 1, r2?.["_gc_id"]],
    ],
  );
  const ids = [r1, r2, ...its, ...ts].map((r) => r?.["_gc_id"]);
  assert.is(new Set(ids).size, ids.length);
  // A root's id is 22 characters of a hash; an item's, its parent's and a dot and its position.
  assert.ok([r1, r2].every((r) => /^[A-Za-z0-9_-]{22}$/.test(String(r?.["_gc_id"]))));
  assert.equal(
    [...its, ...ts].map((r) => r["_gc_id"]),
    [`${r2?.["_gc_id"]}.0`, `${r2?.["_gc_id"]}.1`, `${r2?.["_gc_id"]}.0.0`, `${r2?.["_gc_id"]}.0.1`],
  );
});

test("link columns come after the first row's own columns, and types are fixed", () => {
  const [root, items] = normalize([{ id: 1, items: [{ sku: "a" }] }]);
  assert.equal(
    root!.batch.columns.map((c) => `${c.name}:${c.dataType}:${c.nullable}`),
    ["id:bigint:true", "_gc_id:text:false", "_gc_root_seq:bigint:false"],
  );
  assert.equal(
    items!.batch.columns.map((c) => `${c.name}:${c.dataType}`),
    ["sku:text", "_gc_id:text", "_gc_parent_id:text", "_gc_list_idx:bigint", "_gc_root_id:text", "_gc_root_seq:bigint"],
  );
});

test("takeBatches hands out only what is pending; takeBatch refuses while nested rows are pending", () => {
  const n = new RowNormalizer(table());
  n.add({ id: 1, tags: ["a"] });
  assert.is(n.pending, 2);
  assert.throws(() => n.takeBatch(), /t__tags.*takeBatches/);
  assert.equal(
    n.takeBatches().map((b) => [b.table.name, b.batch.rows.length]),
    [
      ["t", 1],
      ["t__tags", 1],
    ],
  );
  n.add({ id: 2 });
  assert.equal(
    n.takeBatches().map((b) => b.table.name),
    ["t"],
  );
  assert.is(n.pending, 0);
});

test.run();
