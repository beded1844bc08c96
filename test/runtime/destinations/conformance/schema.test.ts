// A root table's schema across loads, on every destination: new columns are added (earlier rows NULL),
// a type change is refused, and a load that fails (abort, NULL key, failed cast, failure inside the
// commit, a value of the wrong JS type) leaves the table's rows and columns as the last commit left them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { beginTableLoad } from "../../../../runtime/destinations/table-load.ts";
import { DestinationError } from "../../../../runtime/errors.ts";
import { batch, type Cols, load, rejection, spec } from "../load-fixtures.ts";
import { type DestinationUnderTest, eachDestination, type TestDestination } from "./destinations.ts";

const each = await eachDestination(test);

const base: Cols = [
  ["id", "bigint"],
  ["name", "text"],
];
const items = spec("items", "merge", ["id"], base);

/** A fresh destination with `shop.items` holding ids 1 and 2. */
async function seeded(d: DestinationUnderTest): Promise<TestDestination> {
  const dest = await d.open();
  await load(
    dest,
    "shop",
    items,
    batch(base, [
      [1, "a"],
      [2, "b"],
    ]),
  );
  return dest;
}

/** Rows without a merge's row hash column (row-hash.ts), which no expectation here is about. */
const withoutHash = (rows: Record<string, unknown>[]) => rows.map(({ _gc_merge_hash: _, ...rest }) => rest);

/** `shop.items`' rows, and its columns with their catalog types. */
function stored(d: DestinationUnderTest, dest: TestDestination): Promise<Record<string, unknown>[][]> {
  const columns =
    d.name === "duckdb"
      ? `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'items' AND column_name <> '_gc_merge_hash' ORDER BY column_index`
      : `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'items' AND column_name <> '_gc_merge_hash' ORDER BY ordinal_position`;
  return Promise.all([dest.query(`SELECT * FROM shop.items ORDER BY id`).then(withoutHash), dest.query(columns)]);
}

each("a new field in run 2 adds a column; old rows get NULL", async (d) => {
  const dest = await seeded(d);
  const wider: Cols = [...base, ["price", "double"]];
  await load(dest, "shop", items, batch(wider, [[3, "c", 9.5]]));
  assert.equal(await dest.query(`SELECT id, name, price FROM shop.items ORDER BY id`), [
    { id: "1", name: "a", price: null },
    { id: "2", name: "b", price: null },
    { id: "3", name: "c", price: 9.5 },
  ]);
});

each("a column that appears in a later batch of one load is staged too; short rows are null-padded", async (d) => {
  const dest = await d.open();
  const wider: Cols = [...base, ["extra", "bool"]];
  await load(dest, "shop", items, batch(base, [[1, "a"]]), batch(wider, [[2, "b", true], [3]]));
  assert.equal(await dest.query(`SELECT id, name, extra FROM shop.items ORDER BY id`), [
    { id: "1", name: "a", extra: null },
    { id: "2", name: "b", extra: true },
    { id: "3", name: null, extra: null },
  ]);
});

each("a type change is a DestinationError naming table, column and both types; the table is unchanged", async (d) => {
  const dest = await seeded(d);
  const before = await stored(d, dest);
  // Run 2: `name` is undeclared and the API now sends numbers, so it was inferred as bigint.
  const loose = spec("items", "merge", ["id"], [["id", "bigint"]]);
  const changed: Cols = [
    ["id", "bigint"],
    ["name", "bigint"],
    ["added", "text"],
  ];
  const error = await rejection(
    load(
      dest,
      "shop",
      loose,
      batch(changed, [
        [1, 5, "x"],
        [9, 6, "y"],
      ]),
    ),
  );
  assert.instance(error, DestinationError);
  const types = d.name === "duckdb" ? ["has type VARCHAR", "BIGINT"] : ["has type text", "bigint"];
  for (const part of ['"shop"."items"', '"name"', ...types, "nothing was applied"]) assert.ok(error.message.includes(part), error.message);
  assert.equal(await stored(d, dest), before);
});

each("abort leaves the table as the last commit left it", async (d) => {
  const dest = await seeded(d);
  const before = await stored(d, dest);
  const tl = await beginTableLoad(dest, "shop", items);
  await tl.write(
    batch(
      [...base, ["new_col", "text"]],
      [
        [1, "changed", "x"],
        [7, "n", "y"],
      ],
    ),
  );
  await tl.abort();
  await tl.abort();
  assert.equal(await stored(d, dest), before);
  // Postgres stages in temporary tables: abort drops them.
  if (d.name === "postgres") {
    assert.equal(await dest.query(`SELECT count(*) AS n FROM pg_class WHERE relpersistence = 't' AND relname LIKE '_gc_stage%'`), [{ n: "0" }]);
  }
  assert.instance(await rejection(tl.commit()), DestinationError);
});

each("a NULL primary key is refused before anything is applied", async (d) => {
  const dest = await seeded(d);
  const before = await stored(d, dest);
  const error = await rejection(
    load(
      dest,
      "shop",
      items,
      batch(base, [
        [3, "ok"],
        [null, "no key"],
      ]),
    ),
  );
  assert.instance(error, DestinationError);
  assert.match(error.message, "NULL primary key (id)");
  assert.equal(await stored(d, dest), before);
});

each("a value that fails its cast at commit rolls back everything", async (d) => {
  const dest = await seeded(d);
  const before = await stored(d, dest);
  const withTs: Cols = [...base, ["seen_at", "timestamp"]];
  const error = await rejection(
    load(
      dest,
      "shop",
      items,
      batch(withTs, [
        [1, "z", "2024-01-01T00:00:00Z"],
        [2, "z", "not a time"],
      ]),
    ),
  );
  assert.instance(error, DestinationError);
  assert.match(error.message, '"items"');
  // Both cast while making the merge's deduplicated rows, before the transaction begins.
  assert.match(error.message, "nothing was applied");
  assert.equal(await stored(d, dest), before);
});

each("a failure inside the transaction rolls back the schema change and the delete", async (d) => {
  const dest = await seeded(d);
  const strict = spec(
    "items",
    "merge",
    ["id"],
    [
      ["id", "bigint"],
      ["name", "text"],
    ],
  );
  // Make the INSERT fail after ADD COLUMN and DELETE ran: a NOT NULL column the new rows leave empty.
  if (d.name === "duckdb") {
    await dest.query(`ALTER TABLE shop.items ADD COLUMN required VARCHAR DEFAULT 'x'`);
    await dest.query(`ALTER TABLE shop.items ALTER COLUMN required SET NOT NULL`);
  } else {
    await dest.query(`ALTER TABLE shop.items ADD COLUMN required text NOT NULL DEFAULT 'x'`);
  }
  const before = await stored(d, dest);
  const wider: Cols = [...base, ["required", "text"], ["added", "text"]];
  const error = await rejection(load(dest, "shop", strict, batch(wider, [[1, "changed", null, "x"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, "rolled back");
  assert.equal(await stored(d, dest), before);
});

each("a write with a value of the wrong JS type fails the load, which can then only be aborted", async (d) => {
  const dest = await seeded(d);
  const tl = await beginTableLoad(dest, "shop", items);
  const error = await rejection(tl.write(batch(base, [["not a number", "x"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, '"id" is bigint');
  assert.instance(await rejection(tl.commit()), DestinationError);
  await tl.abort();
  assert.equal(await dest.query(`SELECT count(*) AS n FROM shop.items`), [{ n: "2" }]);
});

test.run();
