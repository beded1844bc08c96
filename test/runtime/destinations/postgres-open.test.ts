import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError, UsageError } from "../../../runtime/errors.ts";
import { openDestination } from "../../../runtime/destinations/open.ts";
import { openPostgres } from "../../../runtime/destinations/postgres/index.ts";
import { redactPostgresUrl } from "../../../runtime/destinations/postgres/url.ts";
import { freshDatabase, pgTests } from "../../helpers/postgres.ts";
import { rejection } from "./load-fixtures.ts";

const pgTest = await pgTests(test);
const SENTINEL = "s3cr3t-Pa55word";

test("URLs are redacted: user-info and ?password=", () => {
  assert.is(redactPostgresUrl(`postgres://me:${SENTINEL}@db:5432/x`), "postgres://me:***@db:5432/x");
  assert.is(redactPostgresUrl(`postgresql://db/x?user=me&password=${SENTINEL}`), "postgresql://db/x?user=me&password=***");
  assert.is(redactPostgresUrl("postgres://db/x"), "postgres://db/x");
});

test("a failed connection names the URL without the password", async () => {
  // Port 1 on localhost: nothing listens, so this fails fast without a server.
  for (const url of [`postgres://me:${SENTINEL}@127.0.0.1:1/db`, `postgres://127.0.0.1:1/db?password=${SENTINEL}`]) {
    const error = await rejection(openPostgres(url));
    assert.instance(error, DestinationError);
    assert.match(error.message, "postgres: cannot connect to postgres://");
    assert.not.match(error.message, SENTINEL);
    // The cause keeps only the code of the lost connection (sync --workers waits those out), nothing of the URL.
    const cause = error.cause as Error & { code?: string };
    assert.is(cause.code, "ECONNREFUSED");
    assert.not.match(`${cause.message} ${JSON.stringify(cause)} ${cause.stack ?? ""}`, SENTINEL);
  }
});

test("openDestination routes postgres:// and postgresql:// and still refuses unknown schemes", async () => {
  for (const scheme of ["postgres", "postgresql", "POSTGRES"]) {
    const error = await rejection(openDestination(`${scheme}://me:${SENTINEL}@127.0.0.1:1/db`));
    assert.instance(error, DestinationError);
    assert.not.match(error.message, SENTINEL);
  }
  assert.throws(
    () => openDestination("mysql://x"),
    (e: unknown) => e instanceof UsageError && /postgres/.test(e.message),
  );
});

pgTest("openDestination opens a working Postgres destination", async () => {
  const url = (await freshDatabase()) as string;
  const dest = await openDestination(url);
  assert.is(await dest.readState("app", "k"), undefined);
  await dest.close();
});

test.run();
