// Schema contracts against a stored table, on every destination: a first load makes the table, a
// second brings a new column, a changed type or a new list, and each mode of each entity decides what
// lands (columns, rows, variant columns, discard counts) or fails with nothing committed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ContractConfig, resolveContract } from "../../../../runtime/schema-contract/contract.ts";
import { SchemaContractError } from "../../../../runtime/schema-contract/violation.ts";
import type { StateEntry } from "../../../../runtime/destinations/destination.ts";
import type { TableSpec } from "../../../../runtime/connector.ts";
import { TableWriter } from "../../../../runtime/sync/table-writer.ts";
import { rejection } from "../load-fixtures.ts";
import { eachDestination, type TestDestination } from "./destinations.ts";
import { columnNames, DATASET, orders, ref, rows, snapshot, sync, tableNames } from "./fixtures.ts";

const each = await eachDestination(test);

type Row = Record<string, unknown>;
type Entity = "columns" | "data_type" | "tables";
type Mode = "evolve" | "freeze" | "discard_row" | "discard_value";

const KEY = "resources.orders.cursor";

function table(contract: ContractConfig): TableSpec {
  return orders({ contract: resolveContract(contract) });
}

/** Loads `records` like a sync and returns the writer's discard counts; aborts and rethrows on failure. */
async function load(
  dest: TestDestination,
  spec: TableSpec,
  records: readonly Row[],
  state?: StateEntry,
): Promise<{ discardedRows?: number; discardedValues?: number }> {
  const writer = await TableWriter.open(dest, DATASET, spec, 2);
  try {
    await writer.write(records);
    await writer.commit(state);
    return writer.discards;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** A table's rows without the `_gc_` columns, values as text, ordered by its first column. */
async function contents(dest: TestDestination, name: string): Promise<Row[]> {
  const columns = (await columnNames(dest, name)).filter((c) => !c.startsWith("_gc_"));
  return rows(dest, `SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM ${ref(name)} ORDER BY 1`);
}

const FIRST: Record<Entity, Row[]> = {
  columns: [{ id: 1, name: "a" }],
  data_type: [{ id: 1, price: 5 }],
  tables: [{ id: 1, name: "a" }],
};
const SECOND: Record<Entity, Row[]> = {
  columns: [
    { id: 2, name: "b", extraField: "x" },
    { id: 3, name: "c" },
  ],
  data_type: [
    { id: 2, price: "cheap" },
    { id: 3, price: 3 },
  ],
  tables: [
    { id: 2, name: "b", tags: ["t"] },
    { id: 3, name: "c" },
  ],
};

interface Outcome {
  /** Tables (without `_gc_` ones) and their contents after the second load. */
  readonly tables?: Record<string, Row[]>;
  readonly discards?: { discardedRows?: number; discardedValues?: number };
  /** The freeze error must contain these. */
  readonly error?: readonly string[];
}

const OUTCOMES: Record<Entity, Record<Mode, Outcome>> = {
  columns: {
    evolve: {
      tables: {
        orders: [
          { id: "1", name: "a", extra_field: null },
          { id: "2", name: "b", extra_field: "x" },
          { id: "3", name: "c", extra_field: null },
        ],
      },
    },
    freeze: { error: ['table "orders"', 'new column "extra_field"', "source field extraField", "id=2"] },
    discard_row: {
      tables: {
        orders: [
          { id: "1", name: "a" },
          { id: "3", name: "c" },
        ],
      },
      discards: { discardedRows: 1 },
    },
    discard_value: {
      tables: {
        orders: [
          { id: "1", name: "a" },
          { id: "2", name: "b" },
          { id: "3", name: "c" },
        ],
      },
      discards: { discardedValues: 1 },
    },
  },
  data_type: {
    evolve: {
      tables: {
        orders: [
          { id: "1", price: "5", price__v_text: null },
          { id: "2", price: null, price__v_text: "cheap" },
          { id: "3", price: "3", price__v_text: null },
        ],
      },
    },
    freeze: { error: ['column "price"', "expects bigint", "data type text", "id=2"] },
    discard_row: {
      tables: {
        orders: [
          { id: "1", price: "5" },
          { id: "3", price: "3" },
        ],
      },
      discards: { discardedRows: 1 },
    },
    discard_value: {
      tables: {
        orders: [
          { id: "1", price: "5" },
          { id: "2", price: null },
          { id: "3", price: "3" },
        ],
      },
      discards: { discardedValues: 1 },
    },
  },
  tables: {
    evolve: {
      tables: {
        orders: [
          { id: "1", name: "a" },
          { id: "2", name: "b" },
          { id: "3", name: "c" },
        ],
        orders__tags: [{ value: "t" }],
      },
    },
    freeze: { error: ['new nested table "orders__tags"', "source field tags", "id=2"] },
    discard_row: {
      tables: {
        orders: [
          { id: "1", name: "a" },
          { id: "3", name: "c" },
        ],
      },
      discards: { discardedRows: 1 },
    },
    discard_value: {
      tables: {
        orders: [
          { id: "1", name: "a" },
          { id: "2", name: "b" },
          { id: "3", name: "c" },
        ],
      },
      discards: { discardedValues: 1 },
    },
  },
};

for (const entity of ["columns", "data_type", "tables"] as const) {
  for (const mode of ["evolve", "freeze", "discard_row", "discard_value"] as const) {
    const outcome = OUTCOMES[entity][mode];
    each(`${entity}: ${mode} on a second load`, async (d) => {
      const dest = await d.open();
      // Only the entity under test is set; the first load makes the table under the same contract.
      const spec = table({ [entity]: mode });
      await load(dest, spec, FIRST[entity], { key: KEY, value: "v1" });
      if (outcome.error !== undefined) {
        const before = await snapshot(dest);
        const error = await rejection(load(dest, spec, SECOND[entity], { key: KEY, value: "v2" }));
        assert.instance(error, SchemaContractError);
        for (const fragment of outcome.error) assert.ok(error.message.includes(fragment), `${JSON.stringify(fragment)} not in: ${error.message}`);
        assert.equal(await snapshot(dest), before);
        assert.is(await dest.readState(DATASET, KEY), "v1");
        return;
      }
      assert.equal(await load(dest, spec, SECOND[entity], { key: KEY, value: "v2" }), outcome.discards ?? {});
      const expected = outcome.tables ?? {};
      assert.equal(
        (await tableNames(dest)).filter((t) => !t.startsWith("_gc_")),
        Object.keys(expected),
      );
      for (const [name, content] of Object.entries(expected)) assert.equal(await contents(dest, name), content, name);
      assert.is(await dest.readState(DATASET, KEY), "v2");
    });
  }
}

each("a variant column lands with its own type, and later loads reuse it", async (d) => {
  const dest = await d.open();
  const spec = table({ data_type: "evolve" });
  await sync(dest, spec, [{ id: 1, price: 5 }]);
  await sync(dest, spec, [
    { id: 2, price: 1.5 },
    { id: 3, price: "n/a" },
  ]);
  await sync(dest, spec, [{ id: 4, price: "free" }]);
  assert.equal(await columnNames(dest, "orders"), ["id", "price", "_gc_id", "price__v_double", "price__v_text"]);
  assert.equal(await rows(dest, `SELECT id, price, price__v_double AS d, price__v_text AS t, price__v_double * 2 AS twice FROM ${ref("orders")} ORDER BY id`), [
    { id: "1", price: "5", d: null, t: null, twice: null },
    { id: "2", price: null, d: "1.5", t: null, twice: "3" },
    { id: "3", price: null, d: null, t: "n/a", twice: null },
    { id: "4", price: null, d: null, t: "free", twice: null },
  ]);
});

each("a type change in a stored nested table is judged against its stored column (variant, or a freeze error)", async (d) => {
  const dest = await d.open();
  await sync(dest, table({}), [{ id: 1, items: [{ qty: 1 }] }]);
  const before = await snapshot(dest);
  const error = await rejection(sync(dest, table({}), [{ id: 2, items: [{ qty: 2 }, { qty: "two" }] }]));
  assert.instance(error, SchemaContractError);
  for (const fragment of ['table "orders__items"', 'column "qty"', "source field items[].qty", "expects bigint", "data type text", "id=2"]) {
    assert.ok(error.message.includes(fragment), `${JSON.stringify(fragment)} not in: ${error.message}`);
  }
  assert.equal(await snapshot(dest), before);
  await sync(dest, table({ data_type: "evolve" }), [{ id: 2, items: [{ qty: 2 }, { qty: "two" }] }]);
  assert.equal(await contents(dest, "orders__items"), [
    { qty: "1", qty__v_text: null },
    { qty: "2", qty__v_text: null },
    { qty: null, qty__v_text: "two" },
  ]);
});

each("freeze everything: a load matching the stored schema still lands, with a stored nested table", async (d) => {
  const dest = await d.open();
  await sync(dest, table({}), [{ id: 1, name: "a", items: [{ sku: "x" }] }]);
  await sync(dest, table("freeze"), [{ id: 2, name: "b", items: [{ sku: "y" }] }, { id: 3 }]);
  assert.equal(await contents(dest, "orders"), [
    { id: "1", name: "a" },
    { id: "2", name: "b" },
    { id: "3", name: null },
  ]);
  assert.equal(await contents(dest, "orders__items"), [{ sku: "x" }, { sku: "y" }]);
});

each("discard_row drops a record's nested rows too, and discard_value keeps the rest of the record", async (d) => {
  const dest = await d.open();
  await sync(dest, table({}), [{ id: 1, items: [{ sku: "a" }] }]);
  const dropped = await load(dest, table({ columns: "discard_row" }), [
    { id: 2, items: [{ sku: "b" }, { sku: "c", qty: 1 }] },
    { id: 3, items: [{ sku: "d" }] },
  ]);
  assert.equal(dropped, { discardedRows: 1 });
  assert.equal(await contents(dest, "orders__items"), [{ sku: "a" }, { sku: "d" }]);
  const kept = await load(dest, table({ columns: "discard_value" }), [
    {
      id: 4,
      items: [
        { sku: "e", qty: 1 },
        { sku: "f", qty: 2 },
      ],
    },
  ]);
  assert.equal(kept, { discardedValues: 2 });
  assert.equal(await contents(dest, "orders__items"), [{ sku: "a" }, { sku: "d" }, { sku: "e" }, { sku: "f" }]);
});

test.run();
