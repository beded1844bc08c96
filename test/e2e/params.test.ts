// Run parameters end to end against the mock API: each one reaches the wire in its position (host,
// path, query, headers, JSON body, incremental start), one connector serves two accounts into two
// datasets, and a missing, unknown or unsafe parameter stops the CLI with exit 2 before any request.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { SupportAccountsClient, type SupportAccountsParams, connector } from "../../generated/support_accounts/index.ts";
import { MissingParamError } from "../../runtime/errors.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runCli } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { startMockApi } from "../mock-api/server.ts";

const none = { env: {}, dotenv: {} };

/** A fetch that sends `https://<account>.example.com` requests to the mock, keeping the URLs it was asked for. */
function routed(mock: string, asked: string[]): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    asked.push(url);
    const target = url.replace(/^https:\/\/[a-z0-9-]+\.example\.com/, mock);
    return fetch(input instanceof Request ? new Request(target, input) : target, init);
  };
}

test("parameters reach the host, path, header and JSON body (a number stays a number); one dataset per account", async () => {
  const api = await startMockApi({ records: 30, pagination: "cursor" });
  try {
    const db = tempDbPath();
    for (const account of ["acme", "globex"]) {
      const asked: string[] = [];
      const summary = await runSync(connector, {
        destination: `duckdb:${db}`,
        dataset: account,
        params: { subdomain: account, api_version: "v1", team: `team-${account}`, since: "2024-01-01T00:00:00Z", page_size: "20" },
        secrets: none,
        fetch: routed(api.url, asked),
        clock: fakeClock(),
        resources: ["search_results"],
      });
      assert.ok(summary.resources[0]!.records > 0);
      assert.ok(asked.length > 0 && asked.every((u) => u.startsWith(`https://${account}.example.com/v1/resource`)), asked.join("\n"));
      const sent = api.requests.at(-1)!;
      assert.is(sent.path, "/v1/resource");
      assert.is(sent.headers["x-account"], account);
      const body = JSON.parse(api.requests.find((r) => r.headers["x-account"] === account)!.body) as Record<string, unknown>;
      assert.equal(body, { query: `team:team-${account}`, limit: 20 });
    }
    assert.equal(await query(db, "SELECT (SELECT count(*) FROM acme.search_results) AS a, (SELECT count(*) FROM globex.search_results) AS g"), [
      { a: 30, g: 30 },
    ]);
  } finally {
    await api.close();
  }
});

test("the CLI: --param and .env values in path, query, header and initial_value on the wire", async () => {
  const api = await startMockApi({ records: 5 });
  const cwd = mkdtempSync(join(tmpdir(), "gc-params-"));
  writeFileSync(join(cwd, ".env"), "GC_PARAM_API_VERSION=v1\n");
  try {
    const db = tempDbPath();
    const result = await runCli(
      [
        "sync",
        join(ROOT, "generated/support_accounts"),
        "--base-url",
        api.url,
        "--destination",
        `duckdb:${db}`,
        "--dataset",
        "acme",
        "--resource",
        "tickets",
        "--param",
        "subdomain=acme",
        "--param",
        "team=billing",
        "--param",
        "since=2024-01-01T00:00:03Z",
        "--json",
      ],
      { cwd },
    );
    assert.is(result.code, 0, result.stderr);
    const [first] = api.requests;
    assert.is(first?.path, "/v1/resource");
    assert.is(first?.query.team, "billing");
    assert.is(first?.query.created_since, "2024-01-01T00:00:03Z");
    assert.is(first?.headers["x-team"], "billing");
    assert.is(first?.headers["x-account"], "acme");
  } finally {
    await api.close();
    rmSync(cwd, { recursive: true, force: true });
  }
});

for (const [name, params, expected] of [
  ["missing parameters are all named", [], /missing parameters "api_version" \(--param api_version=…, or GC_PARAM_API_VERSION[\s\S]*"subdomain"/],
  ["an unknown --param is a usage error", ["--param", "subdomain=acme", "--param", "api_version=v1", "--param", "tema=x"], /unknown parameter "tema"/],
  [
    "a subdomain holding another host is refused",
    ["--param", "subdomain=evil.com/x", "--param", "api_version=v1"],
    /parameter "subdomain" is "evil.com\/x", which is not a host name/,
  ],
  [
    "a number parameter given text is refused",
    ["--param", "subdomain=a", "--param", "api_version=v1", "--param", "page_size=many"],
    /parameter "page_size" expects a number/,
  ],
] as const) {
  test(`the CLI: ${name}: exit 2, no request made`, async () => {
    const api = await startMockApi({ records: 5 });
    try {
      const result = await runCli(["sync", "generated/support_accounts", "--destination", `duckdb:${tempDbPath()}`, ...params]);
      assert.is(result.code, 2, result.stderr);
      assert.match(result.stderr, expected);
      assert.is(api.requests.length, 0);
    } finally {
      await api.close();
    }
  });
}

test("the CLI: preview stops on a missing parameter too", async () => {
  const result = await runCli(["preview", "generated/support_accounts", "--param", "api_version=v1"]);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, /missing parameter "subdomain"/);
});

test("the generated client requires its parameters, in types and at run time", () => {
  assert.throws(
    // @ts-expect-error: subdomain and api_version have no default
    () => new SupportAccountsClient({ params: { team: "x" }, secrets: none }),
    (error: unknown) => error instanceof MissingParamError && error.missing.map((m) => m.name).join() === "api_version,subdomain",
  );
  const params: SupportAccountsParams = { subdomain: "acme", api_version: "v1" };
  const client = new SupportAccountsClient({ params, secrets: none });
  assert.type(client.tickets, "function");
});

test.run();
