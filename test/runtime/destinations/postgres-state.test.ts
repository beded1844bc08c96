// Postgres-only state behaviour: state read back over a new connection. What every destination does
// with state is tested in conformance/state.test.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { freshDatabase, openTracked, pgTests } from "../../helpers/postgres.ts";
import { batch } from "./load-fixtures.ts";
import { KEY, stateCols as cols, stateTable as table, v1, v2 } from "./state-fixtures.ts";

const pgTest = await pgTests(test);

pgTest("state survives reconnecting, per dataset", async () => {
  const url = (await freshDatabase()) as string;
  const first = await openTracked(url);
  for (const [dataset, value] of [
    ["app", v1],
    ["other", v2],
  ] as const) {
    const tl = await first.beginTable(dataset, table);
    await tl.write(batch(cols, [[1, dataset]]));
    await tl.commit({ key: KEY, value });
  }
  await first.close();
  const second = await openTracked(url);
  assert.equal(await second.readState("app", KEY), v1);
  assert.equal(await second.readState("other", KEY), v2);
  assert.is(await second.readState("APP", KEY), undefined); // quoted Postgres names are case-sensitive
  await second.close();
});

test.run();
