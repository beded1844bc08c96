import { test } from "uvu";
import * as assert from "uvu/assert";
import { DEFAULT_LOCK_TIMEOUT_MS, lockTimeoutOption } from "../../../runtime/destinations/postgres/url.ts";
import { UsageError } from "../../../runtime/errors.ts";

test("lock_timeout: milliseconds by default unit, ms/s/min suffixes, 0 for no limit; removed from the URL the driver gets", () => {
  const cases: [url: string, driverUrl: string, ms: number][] = [
    ["postgres://u:p%40w@h:5432/db", "postgres://u:p%40w@h:5432/db", DEFAULT_LOCK_TIMEOUT_MS],
    ["postgres://h/db?lock_timeout=250", "postgres://h/db", 250],
    ["postgres://h/db?lock_timeout=500ms", "postgres://h/db", 500],
    ["postgres://h/db?lock_timeout=5s", "postgres://h/db", 5000], // the driver alone would read "5s" as 5 ms
    ["postgres://h/db?lock_timeout=1.5min", "postgres://h/db", 90_000],
    ["postgres://h/db?lock_timeout=0", "postgres://h/db", 0],
    ["postgres://h/db?options=-c%20search_path%3Dx&lock_timeout=2s&sslmode=disable", "postgres://h/db?options=-c%20search_path%3Dx&sslmode=disable", 2000],
  ];
  for (const [url, driverUrl, ms] of cases) assert.equal(lockTimeoutOption(url), { url: driverUrl, lockTimeoutMs: ms }, url);
  assert.is(DEFAULT_LOCK_TIMEOUT_MS, 30_000);
});

test("a lock_timeout that is not a duration is bad usage, shown without the password", () => {
  for (const value of ["soon", "-1", "5h", "", "99999999999"]) {
    let error: unknown;
    try {
      lockTimeoutOption(`postgres://me:pw-SENTINEL@h/db?lock_timeout=${value}`);
    } catch (e) {
      error = e;
    }
    assert.instance(error, UsageError, value);
    assert.match((error as Error).message, `lock_timeout must be a duration such as 30s, 500ms, 2min or 0 (wait forever), got ${JSON.stringify(value)}`);
    assert.not.match((error as Error).message, "SENTINEL");
  }
});

test.run();
