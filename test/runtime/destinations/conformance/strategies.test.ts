// The merge strategies' own edges, on every destination: upsert updates in place (a column the load
// lacks keeps its value, where delete-insert would null it), compound keys are compared column by
// column (("a","bc") and ("ab","c") stay apart, dlt #4244), skip writes nothing, and a load breaking
// a strategy's precondition fails naming table, column and a sample key, with nothing applied.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../../runtime/errors.ts";
import { eachDestination } from "./destinations.ts";
import { orders, ref, rows, sync, tableNames } from "./fixtures.ts";

const each = await eachDestination(test);

each("upsert updates in place: a column absent from the load keeps its stored value", async (d) => {
  const dest = await d.open();
  const table = orders({ merge: { strategy: "upsert" } });
  await sync(dest, table, [{ id: 1, note: "a", extra: "kept" }]);
  const counts = await sync(dest, table, [{ id: 1, note: "b" }]);
  assert.equal([counts.inserted, counts.updated, counts.unchanged], [0, 1, 0]);
  assert.equal(await rows(dest, `SELECT id, note, extra FROM ${ref("orders")}`), [{ id: "1", note: "b", extra: "kept" }]);
  // delete-insert replaces the whole row instead
  const replace = orders({ name: "plain" });
  await sync(dest, replace, [{ id: 1, note: "a", extra: "gone" }]);
  await sync(dest, replace, [{ id: 1, note: "b" }]);
  assert.equal(await rows(dest, `SELECT id, note, extra FROM ${ref("plain")}`), [{ id: "1", note: "b", extra: null }]);
});

each("compound keys whose concatenations collide stay apart under every strategy and a compound merge key", async (d) => {
  const dest = await d.open();
  for (const [name, merge] of [
    ["di", { strategy: "delete-insert" as const, mergeKey: ["a", "b"] }],
    ["up", { strategy: "upsert" as const }],
    ["io", { strategy: "insert-only" as const }],
  ] as const) {
    const table = orders({ name, primaryKey: ["a", "b"], merge });
    await sync(dest, table, [
      { a: "a", b: "bc", note: "1" },
      { a: "ab", b: "c", note: "2" },
    ]);
    const counts = await sync(dest, table, [{ a: "a", b: "bc", note: "3" }]);
    assert.equal(counts.deleted ?? 0, 0, `${name}: nothing of ("ab","c") deleted`);
    const expected = merge.strategy === "insert-only" ? "1" : "3";
    assert.equal(
      await rows(dest, `SELECT a, b, note FROM ${ref(name)} ORDER BY a`),
      [
        { a: "a", b: "bc", note: expected },
        { a: "ab", b: "c", note: "2" },
      ],
      name,
    );
  }
});

each("skip extracts but writes nothing: no table, no rows", async (d) => {
  const dest = await d.open();
  const counts = await sync(dest, orders({ writeDisposition: "skip" }), [{ id: 1, items: [{ sku: "x" }] }]);
  assert.equal([counts.inserted, counts.updated, counts.unchanged], [0, 0, 0]);
  assert.not.ok((await tableNames(dest)).includes("orders"));
});

each("a NULL merge key fails naming the table, the merge key and a sample row, with nothing applied", async (d) => {
  const dest = await d.open();
  const table = orders({ merge: { strategy: "delete-insert", mergeKey: ["day"] } });
  await sync(dest, table, [{ id: 1, day: "d1" }]);
  const error = await sync(dest, table, [
    { id: 2, day: "d1" },
    { id: 3, day: null },
  ]).catch((e: unknown) => e);
  assert.instance(error, DestinationError);
  assert.match(String((error as Error).message), /"orders".*NULL merge key \(day\).*\{"id":"3"\}.*nothing was applied/);
  assert.equal(await rows(dest, `SELECT id, day FROM ${ref("orders")}`), [{ id: "1", day: "d1" }]);
});

each("upsert refuses a key repeated within a load unless dedup_sort chooses, with nothing applied", async (d) => {
  const dest = await d.open();
  const table = orders({ merge: { strategy: "upsert" } });
  await sync(dest, table, [{ id: 1, note: "a" }]);
  const error = await sync(dest, table, [
    { id: 2, note: "x" },
    { id: 2, note: "y" },
  ]).catch((e: unknown) => e);
  assert.instance(error, DestinationError);
  assert.match(String((error as Error).message), /"orders".*upsert.*\(id\).*\{"id":"2"\} appears 2 times.*dedup_sort.*nothing was applied/);
  assert.equal(await rows(dest, `SELECT id, note FROM ${ref("orders")}`), [{ id: "1", note: "a" }]);
  const sorted = orders({ merge: { strategy: "upsert", dedupSort: { column: "rank", order: "desc" } } });
  await sync(dest, sorted, [
    { id: 2, note: "high", rank: 9 },
    { id: 2, note: "low", rank: 1 },
  ]);
  assert.equal(await rows(dest, `SELECT id, note FROM ${ref("orders")} ORDER BY id`), [
    { id: "1", note: "a" },
    { id: "2", note: "high" },
  ]);
});

test.run();
