// Postgres-only state behaviour: state read back over a new connection. What every destination does
// with state is tested in conformance/state.test.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { freshDatabase, openTracked, pgTests } from "../../helpers/postgres.ts";
import { batch, type Cols, spec } from "./duckdb-fixtures.ts";

const pgTest = await pgTests(test);

const cols: Cols = [["id", "bigint"], ["v", "text"]];
const table = spec("issues", "merge", ["id"], cols);
const KEY = "resources.issues.incremental.updated_at";
const v1 = { lastValue: "2024-01-01T00:00:00Z", boundaryKeys: ["[1]", "[2]"], initialValue: null };
const v2 = { lastValue: "2024-02-01T00:00:00Z", boundaryKeys: ["[3]"], initialValue: null };

pgTest("state survives reconnecting, per dataset", async () => {
  const url = (await freshDatabase()) as string;
  const first = await openTracked(url);
  for (const [dataset, value] of [["app", v1], ["other", v2]] as const) {
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
