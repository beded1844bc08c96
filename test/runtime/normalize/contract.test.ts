// The schema contract in the normalizer (no database): each entity × mode against a stored table,
// what a first load may lay down, variants, discards and their counts, and records that leave no trace.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ContractConfig, resolveContract } from "../../../runtime/schema-contract/contract.ts";
import { SchemaContractError } from "../../../runtime/schema-contract/violation.ts";
import type { ExistingTables } from "../../../runtime/destinations/destination.ts";
import { RowNormalizer } from "../../../runtime/normalize/row-normalizer.ts";
import type { ColumnSpec, DataType } from "../../../runtime/connector.ts";

type Columns = Record<string, DataType>;
type Row = Record<string, unknown>;

const LINKS: Columns = { _gc_id: "text", _gc_parent_id: "text", _gc_list_idx: "bigint", _gc_root_id: "text" };

function specs(columns: Columns): ColumnSpec[] {
  return Object.entries(columns).map(([name, dataType]) => ({ name, dataType, nullable: true }));
}

function normalizer(contract: ContractConfig | undefined, stored: Record<string, Columns> = {}, declared: Columns = {}): RowNormalizer {
  const existing: ExistingTables = new Map(Object.entries(stored).map(([table, columns]) => [table, specs(columns)]));
  return new RowNormalizer(
    {
      name: "orders",
      writeDisposition: "merge",
      primaryKey: ["id"],
      columns: specs(declared),
      ...(contract === undefined ? {} : { contract: resolveContract(contract) }),
    },
    existing,
  );
}

/** Every pending row by table, without the `_gc_` link columns. */
function tables(n: RowNormalizer): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  for (const { table, batch } of n.takeBatches()) {
    out[table.name] = batch.rows.map((row) =>
      Object.fromEntries(batch.columns.flatMap((c, i) => (c.name.startsWith("_gc_") ? [] : [[c.name, row[i] ?? null]]))),
    );
  }
  return out;
}

function refusal(fn: () => unknown): SchemaContractError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SchemaContractError) return e;
    throw e;
  }
  throw new Error("expected a SchemaContractError");
}

interface Case {
  readonly name: string;
  readonly contract: ContractConfig;
  readonly stored: Record<string, Columns>;
  readonly declared?: Columns;
  readonly records: Row[];
  /** The rows of the batches, or the fragments the error must contain. */
  readonly expect: Record<string, Row[]> | { readonly error: readonly string[] };
  readonly discarded?: { readonly rows?: number; readonly values?: number };
}

const ORDERS: Columns = { id: "bigint", name: "text", _gc_id: "text" };
const PRICED: Columns = { id: "bigint", price: "bigint", _gc_id: "text" };
const WITH_ITEMS: Record<string, Columns> = { orders: ORDERS, orders__items: { sku: "text", ...LINKS } };

const cases: Case[] = [
  // columns: a field with no column in a stored table
  {
    name: "columns evolve: a new field adds a column",
    contract: { columns: "evolve" },
    stored: { orders: ORDERS },
    records: [{ id: 2, name: "b", extra: "x" }],
    expect: { orders: [{ id: 2, name: "b", extra: "x" }] },
  },
  {
    name: "columns freeze: a new field fails, naming table, column, source field and key",
    contract: { columns: "freeze" },
    stored: { orders: ORDERS },
    records: [{ id: 2, name: "b", extraField: "x" }],
    expect: { error: ['table "orders"', 'new column "extra_field"', "source field extraField", "id=2", 'columns is "freeze"'] },
  },
  {
    name: "columns discard_row: the record is dropped",
    contract: { columns: "discard_row" },
    stored: { orders: ORDERS },
    records: [
      { id: 1, name: "a" },
      { id: 2, name: "b", extra: "x" },
    ],
    expect: { orders: [{ id: 1, name: "a" }] },
    discarded: { rows: 1 },
  },
  {
    name: "columns discard_value: the new field's value is dropped",
    contract: { columns: "discard_value" },
    stored: { orders: ORDERS },
    records: [{ id: 2, name: "b", extra: "x", more: { deep: 1 } }],
    expect: { orders: [{ id: 2, name: "b" }] },
    discarded: { values: 2 },
  },
  {
    name: "columns freeze in a stored nested table: names the nested table and the item's source path",
    contract: "freeze",
    stored: WITH_ITEMS,
    records: [{ id: 2, items: [{ sku: "a", qty: 1 }] }],
    expect: { error: ['table "orders__items"', '"qty"', "source field items[].qty", "id=2"] },
  },
  {
    name: "columns discard_row in a nested table drops the root row too",
    contract: { columns: "discard_row" },
    stored: WITH_ITEMS,
    records: [{ id: 2, name: "b", items: [{ sku: "a" }, { sku: "b", qty: 1 }] }],
    expect: {},
    discarded: { rows: 1 },
  },
  {
    name: "columns discard_value in a nested table drops only that value",
    contract: { columns: "discard_value" },
    stored: WITH_ITEMS,
    records: [{ id: 2, items: [{ sku: "a", qty: 1 }] }],
    expect: { orders: [{ id: 2 }], orders__items: [{ sku: "a" }] },
    discarded: { values: 1 },
  },
  {
    name: "columns freeze: stored columns are not new",
    contract: "freeze",
    stored: { orders: ORDERS },
    records: [{ id: 2, name: "b" }],
    expect: { orders: [{ id: 2, name: "b" }] },
  },

  // data_type: a value that does not fit its column's (stored) type
  {
    name: "data_type evolve: the value goes to a variant column <column>__v_<type>",
    contract: { data_type: "evolve" },
    stored: { orders: PRICED },
    records: [
      { id: 2, price: "cheap" },
      { id: 3, price: 4 },
    ],
    expect: {
      orders: [
        { id: 2, price: null, price__v_text: "cheap" },
        { id: 3, price: 4, price__v_text: null },
      ],
    },
  },
  {
    name: "data_type freeze (the default): column, old type, new type and key",
    contract: { columns: "evolve" },
    stored: { orders: PRICED },
    records: [{ id: 2, price: "cheap" }],
    expect: { error: ['column "price"', "expects bigint", "data type text", "id=2", 'data_type is "freeze"', "price__v_text"] },
  },
  {
    name: "data_type discard_row: the record is dropped",
    contract: { data_type: "discard_row" },
    stored: { orders: PRICED },
    records: [
      { id: 2, price: "cheap" },
      { id: 3, price: 3 },
    ],
    expect: { orders: [{ id: 3, price: 3 }] },
    discarded: { rows: 1 },
  },
  {
    name: "data_type discard_value: the value is dropped, the row kept",
    contract: { data_type: "discard_value" },
    stored: { orders: PRICED },
    records: [{ id: 2, price: "cheap" }],
    expect: { orders: [{ id: 2, price: null }] },
    discarded: { values: 1 },
  },
  {
    name: "data_type: a stored bigint column does not widen to double",
    contract: { data_type: "evolve" },
    stored: { orders: PRICED },
    records: [{ id: 2, price: 1.5 }],
    expect: { orders: [{ id: 2, price: null, price__v_double: 1.5 }] },
  },
  {
    name: "data_type: the stored type wins over the declared one",
    contract: {},
    stored: { orders: PRICED },
    declared: { price: "double" },
    records: [{ id: 2, price: 1.5 }],
    expect: { error: ["expects bigint", "non-integer number", "data type double"] },
  },
  {
    name: "data_type: a type inferred earlier in the load is judged too",
    contract: {},
    stored: {},
    records: [
      { id: 1, price: 5 },
      { id: 2, price: "x" },
    ],
    expect: { error: ['column "price"', "expects bigint", "data type text", "id=2"] },
  },
  {
    name: "data_type evolve: an object where a scalar was loaded goes to a json variant",
    contract: { data_type: "evolve" },
    stored: { orders: PRICED },
    records: [
      { id: 2, price: 1 },
      { id: 3, price: { amount: 1 } },
    ],
    expect: {
      orders: [
        { id: 2, price: 1, price__v_json: null },
        { id: 3, price: null, price__v_json: '{"amount":1}' },
      ],
    },
  },
  // dlt's layout decides first: an object flattens into new columns (the `columns` mode), the stored scalar column stays.
  {
    name: "an object where a stored scalar column is flattens into new columns",
    contract: { data_type: "freeze" },
    stored: { orders: PRICED },
    records: [{ id: 2, price: { amount: 1 } }],
    expect: { orders: [{ id: 2, price__amount: 1 }] },
  },
  {
    name: "data_type evolve: a stored variant column is reused",
    contract: { data_type: "evolve" },
    stored: { orders: { ...PRICED, price__v_text: "text" } },
    records: [{ id: 2, price: "x" }],
    expect: { orders: [{ id: 2, price: null, price__v_text: "x" }] },
  },

  // tables: a list seen for the first time, not in the destination
  {
    name: "tables evolve: a new list makes a nested table",
    contract: { tables: "evolve" },
    stored: { orders: ORDERS },
    records: [{ id: 2, tags: ["a"] }],
    expect: { orders: [{ id: 2 }], orders__tags: [{ value: "a" }] },
  },
  {
    name: "tables freeze: a new list fails, naming the nested table, source field and key",
    contract: { tables: "freeze" },
    stored: { orders: ORDERS },
    records: [{ id: 2, tags: ["a"] }],
    expect: { error: ['table "orders"', 'new nested table "orders__tags"', "source field tags", "id=2", 'tables is "freeze"'] },
  },
  {
    name: "tables discard_row: the record is dropped",
    contract: { tables: "discard_row" },
    stored: { orders: ORDERS },
    records: [{ id: 2, tags: ["a"] }, { id: 3 }],
    expect: { orders: [{ id: 3 }] },
    discarded: { rows: 1 },
  },
  {
    name: "tables discard_value: the list is dropped",
    contract: { tables: "discard_value" },
    stored: { orders: ORDERS },
    records: [{ id: 2, tags: ["a"], more: [1] }],
    expect: { orders: [{ id: 2 }] },
    discarded: { values: 2 },
  },
  {
    name: "tables freeze: a stored nested table is not new",
    contract: "freeze",
    stored: WITH_ITEMS,
    records: [{ id: 2, items: [{ sku: "a" }] }],
    expect: { orders: [{ id: 2 }], orders__items: [{ sku: "a" }] },
  },
  {
    name: "tables freeze on a first load: the root table is created, a list is not",
    contract: { tables: "freeze" },
    stored: {},
    records: [{ id: 1, tags: ["a"] }],
    expect: { error: ['new nested table "orders__tags"'] },
  },

  // tables being created: a root's first load evolves its columns (dlt's "evolve once"), a new nested table's first row
  {
    name: "columns freeze on a root's first load: every record's fields become columns",
    contract: { columns: "freeze" },
    stored: {},
    declared: { id: "bigint" },
    records: [
      { id: 1, name: "a" },
      { id: 2, extra: 1 },
    ],
    expect: {
      orders: [
        { id: 1, name: "a", extra: null },
        { id: 2, name: null, extra: 1 },
      ],
    },
  },
  {
    name: "columns freeze: declared but unstored columns are not new, undeclared ones are",
    contract: "freeze",
    stored: { orders: { _gc_id: "text" } },
    declared: { id: "bigint" },
    records: [{ id: 1 }, { id: 2, extra: 1 }],
    expect: { error: ['new column "extra"', "id=2"] },
  },
  {
    name: "columns freeze, tables evolve: a new nested table's first row lays down its columns",
    contract: { columns: "freeze" },
    stored: { orders: ORDERS },
    records: [{ id: 2, items: [{ sku: "a", qty: 1 }] }],
    expect: { orders: [{ id: 2 }], orders__items: [{ sku: "a", qty: 1 }] },
  },
  {
    name: "columns freeze, tables evolve: a later row of a new nested table may not add columns",
    contract: { columns: "freeze" },
    stored: { orders: ORDERS },
    records: [{ id: 2, items: [{ sku: "a" }, { sku: "b", qty: 1 }] }],
    expect: { error: ['table "orders__items"', 'new column "qty"', "items[].qty", "id=2"] },
  },
];

for (const c of cases) {
  test(c.name, () => {
    const n = normalizer(c.contract, c.stored, c.declared);
    if ("error" in c.expect) {
      const last = c.records[c.records.length - 1] as Row;
      for (const r of c.records.slice(0, -1)) n.add(r);
      const e = refusal(() => n.add(last));
      for (const fragment of (c.expect as { readonly error: readonly string[] }).error)
        assert.ok(e.message.includes(fragment), `${JSON.stringify(fragment)} not in: ${e.message}`);
      return;
    }
    for (const r of c.records) n.add(r);
    assert.equal(tables(n), c.expect);
    assert.is(n.discardedRows, c.discarded?.rows ?? 0, "discarded rows");
    assert.is(n.discardedValues, c.discarded?.values ?? 0, "discarded values");
  });
}

test("add() says whether the record was kept", () => {
  const n = normalizer({ columns: "discard_row" }, { orders: ORDERS });
  assert.is(n.add({ id: 1 }), true);
  assert.is(n.add({ id: 2, extra: 1 }), false);
});

test("a discarded record leaves no trace: columns it evolved before the discard are gone", () => {
  const n = normalizer({ columns: "evolve", data_type: "discard_row" }, { orders: PRICED });
  assert.is(n.add({ id: 2, added: "x", price: "cheap", tags: ["t"] }), false);
  n.add({ id: 3, price: 3 });
  const batches = n.takeBatches();
  assert.equal(
    batches.map((b) => b.table.name),
    ["orders"],
  );
  assert.equal(
    batches[0]?.batch.columns.map((c) => c.name),
    ["id", "price", "_gc_id", "_gc_root_seq"],
  );
});

test("a record failing after a variant and a discarded value leaves no trace and no count", () => {
  const n = normalizer({ tables: "freeze", columns: "discard_value", data_type: "evolve" }, { orders: PRICED });
  refusal(() => n.add({ id: 2, price: "cheap", extra: 1, tags: ["a"] }));
  assert.is(n.discardedValues, 0);
  n.add({ id: 3, price: 3 });
  assert.equal(
    n.columns.map((c) => c.name),
    ["id", "price", "_gc_id", "_gc_root_seq"],
  );
  assert.equal(tables(n), { orders: [{ id: 3, price: 3 }] });
});

test("a flattened field named like a variant column is refused, not merged into it", () => {
  const n = normalizer({ data_type: "evolve" }, { orders: PRICED });
  n.add({ id: 2, price: { v_text: "flattened" } });
  const e = (() => {
    try {
      n.add({ id: 3, price: "cheap" });
    } catch (error) {
      return error as Error;
    }
    throw new Error("expected an error");
  })();
  assert.match(e.message, 'variant column "price__v_text"');
  assert.match(e.message, "price.v_text");
});

test("without a contract: new columns evolve and a type change fails (DEFAULT_CONTRACT)", () => {
  const n = normalizer(undefined, { orders: PRICED });
  n.add({ id: 2, price: 1, extra: "x" });
  const e = refusal(() => n.add({ id: 3, price: "x" }));
  assert.match(e.message, 'data_type is "freeze"');
});

test.run();
