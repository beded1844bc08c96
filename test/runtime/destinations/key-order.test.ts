// KeyOrder: which staged key sequences prove that no key repeats, and which leave it to the commit.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { DataType, TableSpec } from "../../../runtime/connector.ts";
import type { Scalar } from "../../../runtime/destinations/destination.ts";
import { KeyOrder } from "../../../runtime/destinations/key-order.ts";
import { type LoadTable, watchedKey } from "../../../runtime/destinations/load-tables.ts";
import { batch, type Cols, spec } from "./load-fixtures.ts";

/** Whether `batches` (rows of `cols`, observed in order) prove the key `names` distinct. */
function proves(names: string[], cols: Cols, ...batches: Scalar[][][]): boolean {
  const order = new KeyOrder(names);
  const types = new Map<string, DataType>(cols.map(([n, t]) => [n, t]));
  for (const rows of batches) order.observe(batch(cols, rows), types);
  return order.distinct;
}

const id: Cols = [
  ["id", "bigint"],
  ["name", "text"],
];
const rows = (...ids: Scalar[]) => ids.map((v) => [v, "x"]);

test("keys in strictly increasing or decreasing order, across batches, prove distinct", () => {
  assert.ok(proves(["id"], id));
  assert.ok(proves(["id"], id, rows(7)));
  assert.ok(proves(["id"], id, rows(1, 2, 5), rows(9, 10)));
  assert.ok(proves(["id"], id, rows(10, 9), rows(3, -4)));
  assert.ok(proves(["id"], id, rows(1, 2n, 3), rows(2n ** 60n)), "numbers and bigints compare by value");
});

test("a repeated key, a change of direction or an unordered key proves nothing", () => {
  assert.not.ok(proves(["id"], id, rows(1, 2, 2, 3)));
  assert.not.ok(proves(["id"], id, rows(1, 2), rows(2)), "the repeat straddles two batches");
  assert.not.ok(proves(["id"], id, rows(1, 3, 2)));
  assert.not.ok(proves(["id"], id, rows(3, 2), rows(4)));
  assert.not.ok(proves(["id"], id, rows(1n, 1)), "1 and 1n are the same key");
  // Once lost, the proof stays lost even when later rows are ordered.
  assert.not.ok(proves(["id"], id, rows(2, 1, 3), rows(4, 5)));
});

test("only values whose JavaScript order agrees with the database's equality take part", () => {
  assert.not.ok(proves(["id"], id, rows(1, null, 3)), "a NULL key");
  assert.not.ok(proves(["id"], id, rows(1, 2.5, 3)), "a fraction in a bigint column");
  assert.not.ok(proves(["id"], id, rows(1, 2 ** 53 + 2)), "an integer a double cannot hold exactly");
  const text: Cols = [["key", "text"]];
  assert.ok(proves(["key"], text, [["a"], ["b"], ["ba"]]));
  assert.ok(proves(["key"], text, [["cus_9"], ["cus_10"]]), "strings in their code-unit order");
  // Two different lone surrogates are both written as U+FFFD: distinct here, equal in the database.
  assert.not.ok(proves(["key"], text, [["a\uD800"], ["a\uD801"]]));
  const ts: Cols = [["at", "timestamp"]];
  assert.not.ok(proves(["at"], ts, [["2024-01-01T00:00:00Z"], ["2024-01-01T00:00:00.000Z"]]), "one instant in two texts");
  assert.not.ok(proves(["id"], [["name", "text"]], [["x"], ["y"]]), "a key column the batch lacks");
});

test("a compound key is ordered column by column", () => {
  const cols: Cols = [
    ["org", "text"],
    ["id", "bigint"],
  ];
  assert.ok(
    proves(["org", "id"], cols, [
      ["a", 2],
      ["a", 3],
      ["b", 1],
      ["c", 0],
    ]),
  );
  assert.not.ok(
    proves(["org", "id"], cols, [
      ["a", 2],
      ["b", 1],
      ["b", 1],
    ]),
  );
  assert.not.ok(
    proves(["org", "id"], cols, [
      ["a", 2],
      ["b", 1],
      ["a", 3],
    ]),
  );
  // Concatenations collide ("a1"+"2" = "a"+"12"); the columns do not.
  assert.ok(
    proves(
      ["org", "id"],
      [
        ["org", "text"],
        ["id", "bigint"],
      ],
      [
        ["a", 12],
        ["a1", 2],
      ],
    ),
  );
});

test("which key staging watches: the dedup key of a deduplicated table, or scd2's primary key standing for its row hash", () => {
  const table = (over: Partial<TableSpec>): LoadTable => ({ spec: { ...spec("t", "merge", ["id"], id), ...over }, label: '"t"' });
  assert.equal(watchedKey(table({})), ["id"]);
  assert.equal(watchedKey(table({ merge: { strategy: "upsert" } })), ["id"]);
  assert.equal(watchedKey(table({ writeDisposition: "append" })), [], "an append deduplicates nothing");
  assert.equal(watchedKey(table({ nested: { parent: "p", root: "p" } })), [], "nested rows are not deduplicated");
  // scd2 deduplicates on the version; distinct primary keys are distinct records, whose row hashes differ.
  assert.equal(watchedKey(table({ merge: { strategy: "scd2" } })), ["id"]);
  assert.equal(watchedKey(table({ merge: { strategy: "scd2" }, primaryKey: [] })), ["_gc_row_hash"], "no primary key: the hash itself");
  assert.equal(
    watchedKey(table({ merge: { strategy: "scd2", scd2: { rowVersionColumn: "v" } } })),
    ["v"],
    "a version of the record's own may repeat across keys: watched itself",
  );
});

test.run();
