// Conformance, research §4.2 (end to end, incremental): start/end values on the wire in both config
// styles, `convert`, the `{incremental.*}` placeholders, and a second run over unchanged data. The mock
// API serves tickets created one a minute from 2024-01-01T00:00Z and filters them by `created_since`.
//
// Not applicable, skipped:
// - 48/50 (third style): the legacy `{type: "incremental"}` param dict (see /tmp/conformance-failures.md).
// - 31 (`transform`): dlt's deprecated alias of a callable convert; `convert` here is one of the built-in
//   conversions, exercised below.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { makeRecord, startMockApi, type MockApi, type TicketRecord } from "../mock-api/server.ts";
import { connectorOf, failure, syncTo, type Config } from "./support.ts";

let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: 250 });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ faults: [], pagination: "offset", records: 250, mutate: undefined });
  api.requests.length = 0;
});

const ONE_AM = "2024-01-01T01:00:00Z";
const TWO_AM = "2024-01-01T02:00:00Z";
const ONE_AM_EPOCH = Date.parse(ONE_AM) / 1000;
const TWO_AM_EPOCH = Date.parse(TWO_AM) / 1000;

function config(endpoint: Record<string, unknown>): Config {
  return {
    name: "conformance",
    client: { base_url: api.url },
    resources: [
      {
        name: "tickets",
        primary_key: "id",
        write_disposition: "merge",
        endpoint: { path: "/v1/resource", data_selector: "data", paginator: { type: "offset", limit: 100 }, ...endpoint },
      },
    ],
  };
}

const RANGE_SQL = "SELECT count(*) AS n, min(id) AS first, max(id) AS last FROM conformance.tickets";

/** Adds `created_epoch` (seconds) to every served ticket, for cursors kept as epoch numbers. */
const withEpoch = (r: TicketRecord): TicketRecord => Object.assign({}, r, { created_epoch: Date.parse(r.created_at) / 1000 });

// §4.2 38 (and 48 with convert): the start and end values go on every page, in either config style.
const STYLES: readonly { style: string; incremental: Record<string, unknown>; params?: Record<string, unknown>; epoch?: true }[] = [
  {
    style: "start_param/end_param",
    incremental: { cursor_path: "created_at", initial_value: ONE_AM, end_value: TWO_AM, start_param: "created_since", end_param: "created_until" },
  },
  {
    style: "placeholders",
    incremental: { cursor_path: "created_at", initial_value: ONE_AM, end_value: TWO_AM },
    params: { created_since: "{incremental.start_value}", created_until: "{incremental.end_value}" },
  },
  {
    style: "start_param/end_param with convert epoch_seconds_to_iso",
    incremental: {
      cursor_path: "created_epoch",
      initial_value: ONE_AM_EPOCH,
      end_value: TWO_AM_EPOCH,
      start_param: "created_since",
      end_param: "created_until",
      convert: "epoch_seconds_to_iso",
    },
    epoch: true,
  },
  {
    style: "placeholders with convert epoch_seconds_to_iso",
    incremental: { cursor_path: "created_epoch", initial_value: ONE_AM_EPOCH, end_value: TWO_AM_EPOCH, convert: "epoch_seconds_to_iso" },
    params: { created_since: "{incremental.start_value}", created_until: "{incremental.end_value}" },
    epoch: true,
  },
];

for (const { style, incremental, params, epoch } of STYLES) {
  test(`§4.2 38/48: ${style} — the range is sent on every page, static params too, and only the range is loaded`, async () => {
    if (epoch) api.setOptions({ mutate: withEpoch });
    const db = tempDbPath();
    // The mock serves only [since, until): 60 records, two pages of 50.
    const paginator = { type: "offset", limit: 50 };
    await syncTo(connectorOf(config({ incremental, params: { status: "open", ...params }, paginator })), db);
    assert.equal(
      api.requests.map((r) => r.query),
      [
        { status: "open", created_since: ONE_AM, created_until: TWO_AM, offset: "0", limit: "50" },
        { status: "open", created_since: ONE_AM, created_until: TWO_AM, offset: "50", limit: "50" },
      ],
    );
    assert.equal(await query(db, RANGE_SQL), [{ n: 60, first: 61, last: 120 }]); // [01:00, 02:00): range_end is open
  });
}

test("§4.2 49: {incremental.initial_value}, start_value, last_value and end_value render as query strings", async () => {
  await syncTo(
    connectorOf(
      config({
        incremental: { cursor_path: "created_at", initial_value: ONE_AM, end_value: TWO_AM },
        params: {
          created_since: "{incremental.start_value}",
          initial: "{incremental.initial_value}",
          last: "{incremental.last_value}",
          end: "{incremental.end_value}",
        },
      }),
    ),
    tempDbPath(),
  );
  assert.equal(api.requests[0]?.query, { created_since: ONE_AM, initial: ONE_AM, last: ONE_AM, end: TWO_AM, offset: "0", limit: "100" });
});

for (const style of ["start_param", "placeholder"] as const) {
  test(`§4.2 50: convert without end_value (${style}): the start is converted and no end is sent`, async () => {
    api.setOptions({ mutate: withEpoch });
    const incremental = {
      cursor_path: "created_epoch",
      initial_value: ONE_AM_EPOCH,
      convert: "epoch_seconds_to_iso",
      ...(style === "start_param" ? { start_param: "created_since" } : {}),
    };
    const params = style === "placeholder" ? { created_since: "{incremental.start_value}", created_until: "{incremental.end_value}" } : {};
    const db = tempDbPath();
    await syncTo(connectorOf(config({ incremental, params })), db);
    assert.equal(api.requests[0]?.query, { created_since: ONE_AM, offset: "0", limit: "100" });
    assert.equal(await query(db, RANGE_SQL), [{ n: 190, first: 61, last: 250 }]);
  });
}

test("§4.2 31: convert iso_to_date and iso_to_epoch_seconds change the request value, not the stored cursor", async () => {
  const cfg = (convert: string) =>
    config({
      incremental: { cursor_path: "created_at", initial_value: "2024-01-01T01:30:00Z", convert, start_param: "since" },
      params: { created_since: ONE_AM },
    });
  await syncTo(connectorOf(cfg("iso_to_date")), tempDbPath());
  await syncTo(connectorOf(cfg("iso_to_epoch_seconds")), tempDbPath());
  assert.equal(
    api.requests.filter((r) => r.query.offset === "0").map((r) => r.query.since),
    ["2024-01-01", String(Date.parse("2024-01-01T01:30:00Z") / 1000)],
  );
});

test("§4.2 51: a second run over unchanged data loads nothing and requests from the stored cursor", async () => {
  const db = tempDbPath();
  const connector = connectorOf(config({ incremental: { cursor_path: "created_at", initial_value: ONE_AM, start_param: "created_since" } }));
  const first = await syncTo(connector, db);
  api.requests.length = 0;
  const second = await syncTo(connector, db);
  assert.equal(
    first.resources.map((r) => [r.records, r.inserted]),
    [[190, 190]],
  );
  assert.equal(
    second.resources.map((r) => [r.records, r.inserted, r.updated]),
    [[0, 0, 0]],
  );
  assert.equal(
    api.requests.map((r) => r.query.created_since),
    [makeRecord(249).created_at],
  );
});

test("§4.1 30 (run time): an initial_value past the end_value fails before any request", async () => {
  const error = await failure(
    syncTo(
      connectorOf(config({ incremental: { cursor_path: "created_at", initial_value: TWO_AM, end_value: ONE_AM, start_param: "created_since" } })),
      tempDbPath(),
    ),
  );
  assert.match(error.message, `incremental cursor "created_at": initial_value "${TWO_AM}" is past end_value "${ONE_AM}" for last_value_func max`);
  assert.is(api.requests.length, 0);
});

test.run();
