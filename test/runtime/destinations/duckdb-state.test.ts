// DuckDB-only state behaviour: state in a database file, reopened. What every destination does with
// state is tested in conformance/state.test.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { batch, removeDb, tempDbPath } from "./load-fixtures.ts";
import { KEY, stateCols as cols, stateTable as table, v1, v2 } from "./state-fixtures.ts";

test("state survives closing and reopening the file, per dataset", async () => {
  const path = tempDbPath();
  const first = await openDuckDb(path);
  for (const [dataset, value] of [
    ["app", v1],
    ["other", v2],
  ] as const) {
    const tl = await first.beginTable(dataset, table);
    await tl.write(batch(cols, [[1, dataset]]));
    await tl.commit({ key: KEY, value });
  }
  await first.close();
  const second = await openDuckDb(path);
  assert.equal(await second.readState("app", KEY), v1);
  assert.equal(await second.readState("other", KEY), v2);
  assert.equal(await second.readState("APP", KEY), v1); // DuckDB schema names are case-insensitive
  await second.close();
  removeDb(path);
});

test.run();
