// StagedRowsCheck: what it learns from staged batches and what it refuses at commit.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { StagedRowsCheck } from "../../../runtime/destinations/check-rows.ts";
import type { Scalar } from "../../../runtime/destinations/destination.ts";
import type { LoadTable } from "../../../runtime/destinations/load-tables.ts";
import { DestinationError } from "../../../runtime/errors.ts";
import { batch, type Cols, spec } from "./load-fixtures.ts";

const keyed = (primaryKey: string[]): LoadTable => ({ spec: spec("t", "merge", primaryKey, []), label: '"t"' });
const nested: LoadTable = { spec: { ...spec("t__items", "append", [], []), nested: { parent: "t", root: "t" } }, label: '"t__items"' };

/** The error verify() throws (or null), after the batches given as [table, columns, rows]. */
function verdict(root: LoadTable, ...batches: [LoadTable, Cols, Scalar[][]][]): string | null {
  const check = new StagedRowsCheck();
  for (const [table, cols, rows] of batches) check.add(table, batch(cols, rows));
  try {
    check.verify(root);
    return null;
  } catch (error) {
    assert.instance(error, DestinationError);
    return (error as Error).message;
  }
}

const id: Cols = [["id", "bigint"]];
const idName: Cols = [
  ["id", "bigint"],
  ["name", "text"],
];
const nameId: Cols = [
  ["name", "text"],
  ["id", "bigint"],
];
const nameOnly: Cols = [["name", "text"]];
const pair: Cols = [
  ["org", "text"],
  ["id", "bigint"],
];

const cases: [string, LoadTable, [LoadTable, Cols, Scalar[][]][], string | null][] = [
  [
    "every key present",
    keyed(["id"]),
    [
      [
        keyed(["id"]),
        idName,
        [
          [1, "a"],
          [2, null],
        ],
      ],
    ],
    null,
  ],
  ["no key, no check", keyed([]), [[keyed([]), nameOnly, [[null]]]], null],
  [
    "a NULL key cell, counted per row",
    keyed(["id"]),
    [
      [
        keyed(["id"]),
        idName,
        [
          [null, "a"],
          [2, "b"],
          [null, "c"],
        ],
      ],
    ],
    '"t": 2 row(s) have a NULL primary key (id); nothing was applied',
  ],
  ["a row too short to reach the key", keyed(["id"]), [[keyed(["id"]), nameId, [["a", 1], ["b"]]]], '"t": 1 row(s) have a NULL primary key (id)'],
  [
    "a batch from before the key column appeared",
    keyed(["id"]),
    [
      [keyed(["id"]), nameOnly, [["a"], ["b"]]],
      [keyed(["id"]), nameId, [["c", 3]]],
    ],
    '"t": 2 row(s) have a NULL primary key (id)',
  ],
  [
    "a composite key: a row with either part NULL counts once",
    keyed(["org", "id"]),
    [
      [
        keyed(["org", "id"]),
        pair,
        [
          ["a", null],
          [null, null],
          ["b", 1],
        ],
      ],
    ],
    '"t": 2 row(s) have a NULL primary key (org, id)',
  ],
  [
    "a key column that never appeared",
    keyed(["id"]),
    [[keyed(["id"]), nameOnly, [["a"]]]],
    '"t": primary key column(s) id never appeared in the data; nothing was applied',
  ],
  ["a table with no rows is not judged", keyed(["id"]), [[keyed(["id"]), nameOnly, []]], null],
  [
    "nested rows linked to root rows",
    keyed(["id"]),
    [
      [
        keyed(["id"]),
        [
          ["id", "bigint"],
          ["_gc_id", "text"],
        ],
        [[1, "r"]],
      ],
      [nested, [["_gc_root_id", "text"]], [["r"]]],
    ],
    null,
  ],
  [
    "nested rows without their root link",
    keyed(["id"]),
    [
      [
        keyed(["id"]),
        [
          ["id", "bigint"],
          ["_gc_id", "text"],
        ],
        [[1, "r"]],
      ],
      [nested, [["x", "text"]], [["v"]]],
    ],
    '"t__items": nested rows need a "_gc_root_id" column',
  ],
  [
    "nested rows whose root rows have no row id",
    keyed(["id"]),
    [
      [keyed(["id"]), id, [[1]]],
      [nested, [["_gc_root_id", "text"]], [["r"]]],
    ],
    '"t__items": nested rows need',
  ],
];

for (const [name, root, batches, expected] of cases) {
  test(name, () => {
    const message = verdict(root, ...batches);
    if (expected === null) assert.is(message, null);
    else assert.ok(message?.startsWith(expected), `${message} should start with ${expected}`);
  });
}

test.run();
