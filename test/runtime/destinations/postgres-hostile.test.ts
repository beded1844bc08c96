// Postgres-only hostile input: the NUL policy. Hostile names and values on every destination are in
// conformance/hostile.test.ts, names beyond 63 bytes in conformance/names.test.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../runtime/errors.ts";
import { openFresh, pgTests } from "../../helpers/postgres.ts";
import { batch, type Cols, load, rejection, spec } from "./load-fixtures.ts";

const pgTest = await pgTests(test);
const fresh = openFresh;

pgTest("NUL policy: a NUL in text or a \\u0000 escape in JSON fails the load naming table, column and row; nothing is applied", async () => {
  const dest = await fresh();
  const cols: Cols = [
    ["id", "bigint"],
    ["v", "text"],
    ["j", "json"],
  ];
  const t = spec("nul", "merge", ["id"], cols);
  await load(dest, "vals", t, batch(cols, [[1, "kept", "{}"]]));
  for (const [bad, column] of [
    [[2, "nul \u0000 inside", "{}"], "v"],
    [[2, "ok", JSON.stringify("nul \u0000")], "j"],
  ] as const) {
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
  assert.equal(await dest.query(`SELECT id, v FROM vals.nul ORDER BY id`), [
    { id: "1", v: "kept" },
    { id: "4", v: "ok" },
  ]);
});

test.run();
