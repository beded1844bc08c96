import { test } from "uvu";
import * as assert from "uvu/assert";
import { RecordValidationError } from "../../../runtime/errors.ts";
import { RowNormalizer } from "../../../runtime/normalize/row-normalizer.ts";
import type { ColumnSpec, DataType } from "../../../runtime/connector.ts";

function normalizer(columns: [string, DataType][] = []): RowNormalizer {
  const specs: ColumnSpec[] = columns.map(([name, dataType]) => ({ name, dataType, nullable: true }));
  return new RowNormalizer({ name: "orders", writeDisposition: "merge", primaryKey: ["id"], columns: specs });
}

function error(fn: () => void): RecordValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RecordValidationError) return e;
    throw e;
  }
  throw new Error("expected a RecordValidationError");
}

interface MismatchCase {
  readonly name: string;
  readonly declared?: [string, DataType][];
  readonly records: Record<string, unknown>[];
  /** Fragments the message must contain. */
  readonly says: string[];
}

const mismatches: MismatchCase[] = [
  {
    name: "string in a bigint column",
    records: [
      { id: 1, n: 5 },
      { id: 2, n: "5" },
    ],
    says: ['"n"', "bigint", "string", "id=2"],
  },
  {
    name: "object in a declared text column",
    declared: [["addr", "text"]],
    records: [{ id: 7, addr: { city: "x" } }],
    says: ['"addr"', "text", "object", "id=7"],
  },
  {
    name: "array in a text column",
    records: [
      { id: 1, t: "a" },
      { id: 2, t: ["a"] },
    ],
    says: ['"t"', "text", "array"],
  },
  {
    name: "number in a text column",
    records: [
      { id: 1, t: "a" },
      { id: 2, t: 3 },
    ],
    says: ["text", "number"],
  },
  { name: "fraction in a declared bigint column", declared: [["qty", "bigint"]], records: [{ id: 3, qty: 1.5 }], says: ["bigint", "non-integer number"] },
  {
    name: "scalar where an object was flattened",
    records: [
      { id: 1, u: { a: 1 } },
      { id: 2, u: "x" },
    ],
    says: ['"u"', "flattened", "string"],
  },
  { name: "bad timestamp text", declared: [["at", "timestamp"]], records: [{ id: 1, at: "yesterday" }], says: ['"at"', "timestamp", "string"] },
  { name: "number in a timestamp column", declared: [["at", "timestamp"]], records: [{ id: 1, at: 1700000000 }], says: ["timestamp", "number"] },
  { name: "bad date", declared: [["d", "date"]], records: [{ id: 1, d: "2024-01-02T00:00:00Z" }], says: ["date"] },
  { name: "text that is no decimal", declared: [["m", "decimal"]], records: [{ id: 1, m: "12,50" }], says: ["decimal"] },
  { name: "bool in a double column", declared: [["s", "double"]], records: [{ id: 1, s: true }], says: ["double", "boolean"] },
  {
    name: "bigint beyond int64",
    records: [
      { id: 0, big: 1n },
      { id: 1, big: 2n ** 64n },
    ],
    says: ['"big"', "bigint", "id=1"],
  },
  { name: "missing key is reported", records: [{ n: 1 }, { n: "x" }], says: ["id=(missing)"] },
];

for (const c of mismatches) {
  test(`mismatch: ${c.name}`, () => {
    const n = normalizer(c.declared);
    const last = c.records[c.records.length - 1] as Record<string, unknown>;
    for (const r of c.records.slice(0, -1)) n.add(r);
    const e = error(() => n.add(last));
    assert.match(e.message, 'table "orders"');
    for (const fragment of c.says) assert.ok(e.message.includes(fragment), `${JSON.stringify(fragment)} not in: ${e.message}`);
  });
}

test("a fraction after a batch was taken does not widen an inferred bigint column", () => {
  const n = normalizer();
  n.add({ id: 1, price: 10 });
  n.takeBatch();
  const e = error(() => n.add({ id: 2, price: 10.5 }));
  assert.match(e.message, '"price"');
  assert.match(e.message, "bigint");
});

test("an integer into a double column is fine", () => {
  const n = normalizer([["s", "double"]]);
  n.add({ id: 1, s: 2 });
  // Declared `s` first, then `id`, then the `_gc_` link columns.
  assert.equal(n.takeBatch().rows[0]?.slice(0, 2), [2, 1]);
});

const collisions: [string, Record<string, unknown>, string, string][] = [
  ["camelCase vs snake_case", { id: 1, userId: 1, user_id: 2 }, "userId", "user_id"],
  ["dotted key vs underscore", { id: 1, "a.b": 1, a_b: 2 }, '"a.b"', "a_b"],
  ["case only", { id: 1, Name: "x", name: "y" }, "Name", "name"],
  ["nested paths", { id: 1, a: { X: 1 }, A: { x: 2 } }, "a.X", "A.x"],
  ["null first, value later", { id: 1, userId: null, user_id: 2 }, "", ""],
];

for (const [name, record, first, second] of collisions) {
  test(`collision: ${name}`, () => {
    const n = normalizer();
    if (first === "") {
      n.add(record);
      const e = error(() => n.add({ id: 2, userId: 3 }));
      assert.match(e.message, "userId");
      assert.match(e.message, "user_id");
      return;
    }
    const e = error(() => n.add(record));
    assert.ok(e.message.includes(first) && e.message.includes(second), e.message);
    assert.match(e.message, "id=1");
  });
}

test("a collision across records is caught too", () => {
  const n = normalizer();
  n.add({ id: 1, userId: 1 });
  const e = error(() => n.add({ id: 2, user_id: 2 }));
  assert.match(e.message, "userId");
  assert.match(e.message, "user_id");
});

test("a declared column claimed by one field refuses a second", () => {
  const n = normalizer([["user_id", "bigint"]]);
  n.add({ id: 1, user_id: 1 });
  assert.throws(() => n.add({ id: 2, userId: 2 }), /both normalize to column "user_id"/);
});

test.run();
