// Names on every destination: identifiers longer than 63 bytes are shortened the same way everywhere
// (a real collision refused), and hostile field names inside list items become safe columns, with no
// SQL executed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../../runtime/errors.ts";
import { joinIdentifiers, shortenIdentifier } from "../../../../runtime/normalize/identifier.ts";
import { batch, type Cols, load, rejection, spec } from "../load-fixtures.ts";
import { eachDestination } from "./destinations.ts";
import { columnNames, DATASET, orders, ref, rows, sync, tableNames } from "./fixtures.ts";

const each = await eachDestination(test);

each("long table and column names (> 63 bytes) land shortened deterministically, identically on every destination", async (d) => {
  const dest = await d.open();
  const root = `orders_${"r".repeat(70)}`;
  const field = `line_items_${"f".repeat(70)}`;
  const column = `c${"é".repeat(40)}x`; // a field name beyond 63 bytes in UTF-8 (normalized: `c_x`) …
  const long = "q".repeat(100); // … and one beyond 63 characters
  const table = orders({ name: root });
  await sync(dest, table, [{ id: 1, [field]: [{ [long]: "v", [column]: "w" }] }]);
  await sync(dest, table, [{ id: 1, [field]: [{ [long]: "v2" }] }]);
  const nested = joinIdentifiers(root, shortenIdentifier(field));
  // Fixed expectations: the same strings whichever destination runs this test.
  assert.is(nested, "orders_rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr_1765da28360b");
  assert.is(shortenIdentifier(long), "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq_ba1fbc3f6a28");
  assert.equal(await tableNames(dest), ["_gc_nested_tables", nested, shortenIdentifier(root)].sort());
  assert.equal(await columnNames(dest, nested), [shortenIdentifier(long), "c_x", "_gc_id", "_gc_parent_id", "_gc_list_idx", "_gc_root_id"]);
  assert.equal(await rows(dest, `SELECT ${JSON.stringify(shortenIdentifier(long))} AS v, c_x FROM ${ref(nested)}`), [{ v: "v2", c_x: null }]);
  assert.ok((await tableNames(dest)).every((name) => Buffer.byteLength(name) <= 63));
});

each("hostile field names inside list items and a hostile root table name land as safe names; no SQL runs", async (d) => {
  const dest = await d.open();
  await dest.query(`CREATE SCHEMA ${DATASET}`);
  await dest.query(`CREATE TABLE ${DATASET}.sentinel AS SELECT 1 AS x`);
  const root = `t"; DROP TABLE ${DATASET}.sentinel; --`;
  const item = {
    'a"b': "quote",
    "x; DROP TABLE shop.sentinel; --": "semicolon",
    "-- c": "dashes",
    "new\nline": "newline",
    select: "reserved",
    order: "reserved too",
    ["k".repeat(300)]: "long",
    "'); DELETE FROM shop.sentinel; --": [{ '"inner"': "deep" }],
  };
  await sync(dest, orders({ name: root }), [{ id: 1, 'it"ems; --': [item] }]);
  assert.equal(await rows(dest, `SELECT count(*) AS n FROM ${DATASET}.sentinel`), [{ n: "1" }]);
  const nested = joinIdentifiers(root, "it_ems");
  assert.equal(
    (await tableNames(dest)).filter((t) => t !== "sentinel"),
    ["_gc_nested_tables", nested, joinIdentifiers(nested, "delete_from_shop_sentinel"), root].sort(),
  );
  assert.equal((await columnNames(dest, nested)).slice(0, 7), [
    "a_b",
    "x_drop_table_shop_sentinel",
    "c",
    "new_line",
    "select",
    "order",
    shortenIdentifier("k".repeat(300)),
  ]);
  const [row] = await rows(dest, `SELECT * FROM ${ref(nested)}`);
  assert.equal(Object.values(row ?? {}).slice(0, 7), ["quote", "semicolon", "dashes", "newline", "reserved", "reserved too", "long"]);
  assert.equal(await rows(dest, `SELECT "inner" FROM ${ref(joinIdentifiers(nested, "delete_from_shop_sentinel"))}`), [{ inner: "deep" }]);
});

each("names beyond 63 bytes given to the destination itself are shortened the same way; only a real collision is refused", async (d) => {
  const dest = await d.open();
  const longColumn = "k".repeat(300);
  const wide = "é".repeat(32); // 32 characters, 64 bytes
  const longTable = "t".repeat(64);
  const cols: Cols = [
    ["id", "bigint"],
    [longColumn, "text"],
    [wide, "text"],
  ];
  await load(dest, DATASET, spec(longTable, "append", [], cols), batch(cols, [[1, "long", "wide"]]));
  const table = shortenIdentifier(longTable);
  assert.is(Buffer.byteLength(table), 63);
  assert.equal(await tableNames(dest), [table]);
  assert.equal(await columnNames(dest, table), ["id", shortenIdentifier(longColumn), shortenIdentifier(wide)]);
  assert.equal(await rows(dest, `SELECT * FROM ${ref(table)}`), [{ id: "1", [shortenIdentifier(longColumn)]: "long", [shortenIdentifier(wide)]: "wide" }]);
  // A second name equal to the first one's shortened form would land in the same column: refused.
  const clash: Cols = [
    [longColumn, "text"],
    [shortenIdentifier(longColumn), "text"],
  ];
  const error = await rejection(load(dest, DATASET, spec("t", "append", [], clash), batch(clash, [["a", "b"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, "both become");
  assert.match(error.message, "kkkk");
});

test.run();
