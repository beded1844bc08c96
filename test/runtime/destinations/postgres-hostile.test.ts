// Postgres-only hostile input: names beyond Postgres' 63 bytes shortened (a real collision refused), and
// the NUL policy. Hostile names and values on every destination are in conformance/hostile.test.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../runtime/errors.ts";
import { shortenIdentifier } from "../../../runtime/normalize/identifier.ts";
import { quoteIdent } from "../../../runtime/destinations/sql.ts";
import { openFresh, pgTests } from "../../helpers/postgres.ts";
import { batch, type Cols, load, rejection, spec } from "./duckdb-fixtures.ts";

const pgTest = await pgTests(test);
const fresh = openFresh;

pgTest("a name longer than Postgres keeps (63 bytes) is shortened deterministically, as on DuckDB; only a real collision is refused", async () => {
  const dest = await fresh();
  const longColumn = "k".repeat(300);
  const wide = "é".repeat(32); // 32 characters, 64 bytes
  const longTable = "t".repeat(64);
  const cols: Cols = [["id", "bigint"], [longColumn, "text"], [wide, "text"]];
  await load(dest, "app", spec(longTable, "append", [], cols), batch(cols, [[1, "long", "wide"]]));
  const table = shortenIdentifier(longTable);
  assert.is(Buffer.byteLength(table), 63);
  const names = await dest.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'app' AND table_name = $1 ORDER BY ordinal_position`, [table]);
  assert.equal(names.map((r) => r["column_name"]), ["id", shortenIdentifier(longColumn), shortenIdentifier(wide)]);
  assert.ok(names.every((r) => Buffer.byteLength(String(r["column_name"])) <= 63));
  assert.equal(await dest.query(`SELECT * FROM app.${quoteIdent(table)}`), [{ id: "1", [shortenIdentifier(longColumn)]: "long", [shortenIdentifier(wide)]: "wide" }]);
  // A second name equal to the first one's shortened form would land in the same column: refused.
  const clash: Cols = [[longColumn, "text"], [shortenIdentifier(longColumn), "text"]];
  const error = await rejection(load(dest, "app", spec("t", "append", [], clash), batch(clash, [["a", "b"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, "both become");
  assert.match(error.message, "kkkk");
});

pgTest("NUL policy: a NUL in text or a \\u0000 escape in JSON fails the load naming table, column and row; nothing is applied", async () => {
  const dest = await fresh();
  const cols: Cols = [["id", "bigint"], ["v", "text"], ["j", "json"]];
  const t = spec("nul", "merge", ["id"], cols);
  await load(dest, "vals", t, batch(cols, [[1, "kept", "{}"]]));
  for (const [bad, column] of [[[2, "nul \u0000 inside", "{}"], "v"], [[2, "ok", JSON.stringify("nul \u0000")], "j"]] as const) {
    const tl = await dest.beginTable("vals", t);
    await tl.write(batch(cols, [[5, "fine", "{}"]]));
    const error = await rejection(tl.write(batch(cols, [[3, "fine", "{}"], bad])));
    assert.instance(error, DestinationError);
    for (const part of ['"vals"."nul"', `column "${column}"`, "row 2", "NUL", "nothing was applied"]) assert.ok(error.message.includes(part), error.message);
    assert.instance(await rejection(tl.commit()), DestinationError);
    await tl.abort();
  }
  // An escaped backslash before u0000 is the text `\u0000`, which jsonb stores fine.
  assert.equal(await load(dest, "vals", t, batch(cols, [[4, "ok", JSON.stringify("\\u0000")]])), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(await dest.query(`SELECT id, v FROM vals.nul ORDER BY id`), [{ id: "1", v: "kept" }, { id: "4", v: "ok" }]);
});

test.run();
