// How nested data lands (dlt's layout): lists of scalars and lists of lists as nested tables, objects
// in list items flattened, and max_table_nesting turning deeper data into JSON columns.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eachDestination } from "./destinations.ts";
import { columnNames, json, orders, ref, rows, sync, tableNames } from "./fixtures.ts";

const each = await eachDestination(test);

const LINKS = ["_gc_id", "_gc_parent_id", "_gc_list_idx", "_gc_root_id"];

each("a list of scalars becomes a nested table with a `value` column, linked to its parent row", async (d) => {
  const dest = await d.open();
  await sync(dest, orders(), [
    { id: 1, tags: ["x", "y"] },
    { id: 2, tags: [] },
    { id: 3, tags: ["z", null] },
  ]);
  assert.equal(await columnNames(dest, "orders"), ["id", "_gc_id"]);
  assert.equal(await columnNames(dest, "orders__tags"), ["value", ...LINKS]);
  const found = await rows(
    dest,
    `SELECT r.id, t.value, t._gc_list_idx AS idx FROM ${ref("orders")} AS r JOIN ${ref("orders__tags")} AS t ON t._gc_parent_id = r._gc_id ORDER BY r.id, idx`,
  );
  assert.equal(found, [
    { id: "1", value: "x", idx: "0" },
    { id: "1", value: "y", idx: "1" },
    { id: "3", value: "z", idx: "0" },
    { id: "3", value: null, idx: "1" },
  ]);
});

each("a list of lists becomes two nested tables (`…__list` holds the inner items), as in dlt", async (d) => {
  const dest = await d.open();
  await sync(dest, orders(), [{ id: 1, matrix: [[1, 2], [], [3]] }]);
  assert.equal(await tableNames(dest), ["_gc_nested_tables", "orders", "orders__matrix", "orders__matrix__list"]);
  assert.equal(await columnNames(dest, "orders__matrix"), LINKS);
  const found = await rows(
    dest,
    `SELECT m._gc_list_idx AS outer_idx, l._gc_list_idx AS inner_idx, l.value, l._gc_root_id = r._gc_id AS rooted FROM ${ref("orders")} AS r ` +
      `JOIN ${ref("orders__matrix")} AS m ON m._gc_parent_id = r._gc_id JOIN ${ref("orders__matrix__list")} AS l ON l._gc_parent_id = m._gc_id ORDER BY outer_idx, inner_idx`,
  );
  assert.equal(found, [
    { outer_idx: "0", inner_idx: "0", value: "1", rooted: "true" },
    { outer_idx: "0", inner_idx: "1", value: "2", rooted: "true" },
    { outer_idx: "2", inner_idx: "0", value: "3", rooted: "true" },
  ]);
  assert.equal(await rows(dest, `SELECT count(*) AS n FROM ${ref("orders__matrix")}`), [{ n: "3" }]);
});

each("objects inside list items flatten into columns of the nested table; a list inside an object becomes <table>__<object>__<field>", async (d) => {
  const dest = await d.open();
  await sync(dest, orders(), [
    { id: 1, shipping: { address: { city: "Oslo" }, tags: ["fragile"] }, items: [{ sku: "a", price: { amount: 5, currency: "EUR" } }] },
  ]);
  assert.equal(await tableNames(dest), ["_gc_nested_tables", "orders", "orders__items", "orders__shipping__tags"]);
  assert.equal(await columnNames(dest, "orders"), ["id", "shipping__address__city", "_gc_id"]);
  assert.equal(await rows(dest, `SELECT sku, price__amount, price__currency FROM ${ref("orders__items")}`), [
    { sku: "a", price__amount: "5", price__currency: "EUR" },
  ]);
  assert.equal(await rows(dest, `SELECT value FROM ${ref("orders__shipping__tags")}`), [{ value: "fragile" }]);
});

each("schema evolution in a nested table: a new field adds a column (earlier rows NULL), as for a root table", async (d) => {
  const dest = await d.open();
  await sync(dest, orders(), [{ id: 1, items: [{ sku: "a" }] }]);
  await sync(dest, orders(), [{ id: 2, items: [{ sku: "b", qty: 3, dims: { w: 1.5 } }] }]);
  assert.equal(await columnNames(dest, "orders__items"), ["sku", ...LINKS, "qty", "dims__w"]);
  assert.equal(await rows(dest, `SELECT sku, qty, dims__w FROM ${ref("orders__items")} ORDER BY sku`), [
    { sku: "a", qty: null, dims__w: null },
    { sku: "b", qty: "3", dims__w: "1.5" },
  ]);
});

const deep = { id: 1, a: { b: { c: 1 } }, items: [{ x: { y: 2 }, tags: ["t"] }], m: [[7]] };

const nesting: [number, string[], Record<string, string[]>][] = [
  [0, ["orders"], { orders: ["id", "a", "items", "m", "_gc_id"] }],
  [
    1,
    ["orders", "orders__items", "orders__m", "orders__m__list"],
    { orders: ["id", "a__b", "_gc_id"], orders__items: ["x", "tags", ...LINKS], orders__m__list: ["value", ...LINKS] },
  ],
  [
    2,
    ["orders", "orders__items", "orders__items__tags", "orders__m", "orders__m__list"],
    { orders: ["id", "a__b__c", "_gc_id"], orders__items: ["x__y", ...LINKS], orders__items__tags: ["value", ...LINKS] },
  ],
];

for (const [level, tables, columns] of nesting) {
  each(`max_table_nesting ${level}: objects and lists deeper than ${level} level(s) stay JSON`, async (d) => {
    const dest = await d.open();
    await sync(dest, orders({ maxTableNesting: level }), [deep]);
    assert.equal(
      (await tableNames(dest)).filter((t) => !t.startsWith("_gc_")),
      tables,
    );
    for (const [table, names] of Object.entries(columns)) assert.equal(await columnNames(dest, table), names, table);
    if (level === 0) {
      const [row] = await rows(dest, `SELECT a, items, m FROM ${ref("orders")}`);
      assert.equal([json(row?.["a"]), json(row?.["items"]), json(row?.["m"])], [deep.a, deep.items, deep.m]);
    }
    if (level === 1) {
      const [item] = await rows(dest, `SELECT x, tags FROM ${ref("orders__items")}`);
      assert.equal([json(item?.["x"]), json(item?.["tags"])], [{ y: 2 }, ["t"]]);
      assert.equal(json((await rows(dest, `SELECT a__b FROM ${ref("orders")}`))[0]?.["a__b"]), { c: 1 });
    }
    if (level === 2) assert.equal(await rows(dest, `SELECT value FROM ${ref("orders__items__tags")}`), [{ value: "t" }]);
  });
}

test.run();
