// Record validation errors locate the record: resource, page, index, primary key and the zod paths.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import { checkPrimaryKey, validateRecord } from "../../../runtime/stream/validate.ts";
import { RecordValidationError } from "../../../runtime/errors.ts";

const at = { resource: "tickets", page: 3, index: 7 };
const schema = z.looseObject({ id: z.union([z.int(), z.bigint()]), amount: z.number() });

test("a failing record is named by resource, page, index, key and zod path", () => {
  assert.throws(
    () => validateRecord(schema, { id: 42, amount: "x" }, ["id"], at),
    (e: Error) =>
      e instanceof RecordValidationError &&
      e.message === "tickets: record 7 of page 3 (id=42) failed its schema: $.amount: Invalid input: expected number, received string",
  );
});

test("a key beyond 2^53 (parsed as a bigint) is written as its digits in the message", () => {
  assert.throws(() => validateRecord(schema, { id: 9007199254740993n, amount: null }, ["id"], at), /\(id=9007199254740993\) failed its schema: \$\.amount/);
});

test("a missing or null primary key field is refused, naming which", () => {
  assert.throws(() => checkPrimaryKey({ amount: 1 }, ["id"], at), /record 7 of page 3 has no primary key field "id"/);
  assert.throws(() => checkPrimaryKey({ id: null }, ["id"], at), /has a null primary key field "id"/);
  checkPrimaryKey({ id: 0n }, ["id"], at);
});

test.run();
