// The connection `sync --workers N` watches its run through: one backend across reads (not a connection
// per half-second poll), and after that backend is killed while idle (a server restart, a failover) the
// next read runs on a fresh connection instead of failing with "not queryable".
import { test } from "uvu";
import * as assert from "uvu/assert";
import { heldDestination } from "../../../../runtime/distributed/queue/held-destination.ts";
import { freshDatabase, withClient } from "../../../helpers/postgres.ts";

const backend = async (d: { query(sql: string): Promise<Record<string, unknown>[]> }): Promise<number> =>
  Number((await d.query("SELECT pg_backend_pid() AS pid"))[0]?.pid);

test("successive reads share one backend; a backend killed while idle is replaced on the next read", async () => {
  const url = await freshDatabase();
  if (url === null) return; // no Postgres here: test/helpers/postgres.ts printed why (CI always has one)
  const held = heldDestination(url);
  try {
    const first = await held.use(backend);
    assert.is(await held.use(backend), first, "the second read reuses the first read's connection");
    assert.is(await held.use(backend), first, "and so does the third");
    await withClient(url, (c) => c.query("SELECT pg_terminate_backend($1)", [first]));
    // Let the terminated backend's FATAL reach the idle client.
    await new Promise((r) => setTimeout(r, 200));
    const replaced = await held.use(backend);
    assert.is.not(replaced, first, "a fresh connection after the kill");
    assert.is(await held.use(backend), replaced, "held from then on");
  } finally {
    await held.close();
  }
});

test("a read that fails on a fresh connection is not retried: its error reaches the caller", async () => {
  const url = await freshDatabase();
  if (url === null) return;
  const held = heldDestination(url);
  let calls = 0;
  try {
    const error = await held
      .use(async (d) => {
        calls++;
        return d.query("SELECT * FROM no_such_table");
      })
      .catch((e: unknown) => e);
    assert.instance(error, Error);
    assert.match(String((error as Error).message), /no_such_table/);
    assert.is(calls, 1);
  } finally {
    await held.close();
  }
});

test.run();
