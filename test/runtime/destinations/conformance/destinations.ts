// The destinations a conformance test runs against: DuckDB in memory, and a fresh database on the
// test Postgres server (test/helpers/postgres.ts; those tests are skipped, with the reason printed
// once, when no server can be had). To add a conformance file, register its tests with
// `const each = await eachDestination(test)`, then `each("what it checks", async (d) => …)`: the body
// runs once per destination and opens fresh destinations with `d.open()`, closed after the test.
import type { Test } from "uvu";
import type { Destination, Scalar } from "../../../../runtime/destinations/destination.ts";
import { openDuckDb } from "../../../../runtime/destinations/duckdb/index.ts";
import { openFresh, pgTests } from "../../../helpers/postgres.ts";

/** A destination that also answers read queries (values as its driver returns them). */
export interface TestDestination extends Destination {
  query(sql: string, params?: readonly Scalar[]): Promise<Record<string, unknown>[]>;
}

export interface DestinationUnderTest {
  readonly name: "duckdb" | "postgres";
  /** A fresh, empty destination, closed after the test. */
  open(): Promise<TestDestination>;
}

type Body = (d: DestinationUnderTest) => Promise<void>;

/** Registers each test once per destination, named `<destination>: <title>`. */
export async function eachDestination(test: Test): Promise<(title: string, body: Body) => void> {
  const pgTest = await pgTests(test);
  return (title, body) => {
    test(`duckdb: ${title}`, async () => {
      const opened: TestDestination[] = [];
      try {
        await body({
          name: "duckdb",
          open: async () => {
            const dest = await openDuckDb(":memory:");
            opened.push(dest);
            return dest;
          },
        });
      } finally {
        await Promise.all(opened.map((d) => d.close()));
      }
    });
    // openFresh's destinations are closed by pgTests after the test.
    pgTest(`postgres: ${title}`, () => body({ name: "postgres", open: openFresh }));
  };
}
