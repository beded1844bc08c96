// From the wire to the table: a body with an integer beyond 2^53 and a 30-digit decimal is parsed
// exactly by the HTTP client, passes the generated schema of its declared columns and lands in DuckDB
// digit for digit.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import { zodExpression } from "../../../generator/emit/zod/field.ts";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { ExactDecimal } from "../../../runtime/json/exact-decimal.ts";
import { get, makeClient } from "../http/make-client.ts";
import { startServer, text, type TestServer } from "../http/server.ts";
import { EXACT_TABLE, writeAll } from "./cases.ts";

const BODY = '{"data": [{"id": 9007199254740993, "amount": 12345678901234567890.123456789}, {"id": 9007199254740992, "amount": 0.1}]}';

let server: TestServer;
test.before(async () => {
  server = await startServer();
});
test.after(() => server.close());

async function fetchRecords(): Promise<Record<string, unknown>[]> {
  server.script(text(200, "application/json", BODY));
  const page = await makeClient().client.send(get(`${server.origin}/items`));
  return (page.body as { data: Record<string, unknown>[] }).data;
}

test("the client parses the body exactly: a bigint and an ExactDecimal", async () => {
  const [first, second] = await fetchRecords();
  assert.is(first?.["id"], 9007199254740993n);
  assert.ok(first?.["amount"] instanceof ExactDecimal);
  assert.is(String(first?.["amount"]), "12345678901234567890.123456789");
  assert.is(second?.["id"], 9007199254740992n);
  assert.is(second?.["amount"], 0.1);
});

test("through the schema of declared bigint and decimal columns into DuckDB, digit for digit", async () => {
  const fields =
    `z.looseObject({ id: ${zodExpression({ key: "id", dataType: "bigint", nullable: false, description: null })}, ` +
    `amount: ${zodExpression({ key: "amount", dataType: "decimal", nullable: true, description: null })} })`;
  const schema = new Function("z", `return ${fields};`)(z) as z.ZodType<Record<string, unknown>>;
  const validated = (await fetchRecords()).map((r) => schema.parse(r));
  const dest = await openDuckDb(":memory:");
  try {
    await writeAll(dest, "api", EXACT_TABLE, validated);
    assert.equal(await dest.query(`SELECT id::VARCHAR AS id, amount::VARCHAR AS amount FROM api.exact ORDER BY id`), [
      { id: "9007199254740992", amount: "0.100000000" },
      { id: "9007199254740993", amount: "12345678901234567890.123456789" },
    ]);
  } finally {
    await dest.close();
  }
});

test.run();
