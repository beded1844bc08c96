// Issue 13, finding 5: an API answering 401 with the credential echoed in any textual encoding
// (PHP's `\/`, `\u00xx`, HTML escapes, percent-encoding twice, …) leaks it nowhere: not on stdout,
// stderr or the --json output of the CLI, nor in any table of the destination (`_gc_loads`, `_gc_state`, data).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector as customerSupport } from "../../generated/customer_support/index.ts";
import { connector as supportIncremental } from "../../generated/support_incremental/index.ts";
import { connector as supportSearch } from "../../generated/support_search/index.ts";
import { connector as supportTickets } from "../../generated/support_tickets/index.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import type { ConnectorSpec } from "../../runtime/connector.ts";
import { runCli } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { ECHO_ENCODINGS, echoLeaks, leaks } from "../helpers/secrets.ts";
import { startMockApi, type EchoedRequest, type MockApi, type MockAuth } from "../mock-api/server.ts";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
// Slashes, pluses, '=', '&', '<' and quotes in the secrets (and in the Basic header's base64) exercise every escape.
const KEY = "sk_ECHO/9f+= k&y<ü>'\"";
const HEADER_KEY = "hk_ECHO/9f+=&<'\"";
const TOKEN = "tok_ECHO/+=&<>x";
const PASSWORD = "pw:ECHO??/+=&";

interface Case {
  readonly name: string;
  readonly dir: string;
  readonly connector: ConnectorSpec;
  readonly auth: MockAuth;
  readonly env: Record<string, string>;
  /** The credential as the request carried it, which the server echoes. */
  readonly credential: (request: EchoedRequest) => string;
  /** Every value that must not appear in any of its encodings. */
  readonly secrets: readonly string[];
  readonly resources: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: "api key in the query string",
    dir: "generated/customer_support",
    connector: customerSupport,
    auth: { type: "api_key_query", name: "api_key", value: KEY },
    env: { API_KEY: KEY },
    credential: (r) => new URL(r.url, "http://mock").searchParams.get("api_key") ?? "",
    secrets: [KEY, encodeURIComponent(KEY)],
    resources: [],
  },
  {
    name: "api key in a header",
    dir: "generated/support_incremental",
    connector: supportIncremental,
    auth: { type: "api_key_header", name: "X-Api-Key", value: HEADER_KEY },
    env: { API_KEY: HEADER_KEY },
    credential: (r) => r.headers["x-api-key"] ?? "",
    secrets: [HEADER_KEY],
    resources: [],
  },
  {
    name: "bearer token",
    dir: "generated/support_tickets",
    connector: supportTickets,
    auth: { type: "bearer", token: TOKEN },
    env: { SUPPORT_TOKEN: TOKEN },
    credential: (r) => schemeValue(r),
    secrets: [TOKEN],
    resources: ["tickets"],
  },
  {
    name: "basic auth password",
    dir: "generated/support_search",
    connector: supportSearch,
    auth: { type: "basic", username: "reporting", password: PASSWORD },
    env: { SUPPORT_PASSWORD: PASSWORD },
    credential: (r) => schemeValue(r),
    secrets: [PASSWORD, b64(`reporting:${PASSWORD}`), b64(`reporting:${PASSWORD}`).replace(/=+$/, "")],
    resources: ["search_results"],
  },
];

/** The value of the request's Authorization header after its scheme (`Bearer `, `Basic `). */
const schemeValue = (r: EchoedRequest) => (r.headers.authorization ?? "").replace(/^\S+ /, "");

/** A 401 whose JSON body lists the credential in every encoding, then an end marker (to prove all of it was shown). */
function echoEverything(credential: (request: EchoedRequest) => string): (request: EchoedRequest) => string {
  return (request) => `{"error":"unauthorized","echo":[${ECHO_ENCODINGS.map(([, encode]) => `"${encode(credential(request))}"`).join(",")}],"end":"END"}`;
}

/** Every row of every table in `dataset`, as text. */
async function dumpDataset(db: string, dataset: string): Promise<{ tables: string[]; text: string }> {
  const tables = (await query(db, `SELECT table_name FROM information_schema.tables WHERE table_schema = '${dataset}' ORDER BY 1`)).map((r) =>
    String(r.table_name),
  );
  const parts: string[] = [];
  for (const table of tables) parts.push(JSON.stringify(await query(db, `SELECT * FROM "${dataset}"."${table}"`)));
  return { tables, text: parts.join("\n") };
}

let api: MockApi;
test.before(async () => {
  api = await startMockApi({ records: 20 });
});
test.after(async () => api.close());

for (const c of CASES) {
  test(`${c.name}: echoed in a 401 in ${ECHO_ENCODINGS.length} encodings, on no output and in no table`, async () => {
    api.setOptions({ auth: c.auth, faults: [] });
    const db = tempDbPath();
    const dataset = c.connector.name;
    // A first, successful sync leaves data rows, `_gc_loads` and (for incremental resources) `_gc_state`.
    await runSync(c.connector, {
      destination: `duckdb:${db}`,
      baseUrl: api.url,
      secrets: { env: c.env, dotenv: {} },
      clock: fakeClock(),
      resources: c.resources,
    });

    api.setOptions({ faults: [{ response: { status: 401, echo: echoEverything(c.credential) } }] });
    const args = ["sync", c.dir, "--destination", `duckdb:${db}`, "--base-url", api.url, "--json", ...c.resources.flatMap((r) => ["--resource", r])];
    const result = await runCli(args, { env: c.env });
    assert.is(result.code, 1, result.stderr);
    assert.match(result.stderr, "failed with HTTP 401 Unauthorized");
    const output = `${result.stdout}\n${result.stderr}`;
    const found = [...echoLeaks(output, c.secrets), ...c.secrets.flatMap((s) => leaks(output, s))];
    assert.equal(found, [], output);
    assert.match(result.stderr, '"end":"END"', result.stderr); // the whole echo was shown (redacted), not cut before some encoding

    const { tables, text } = await dumpDataset(db, dataset);
    for (const table of ["_gc_loads", ...(c.connector === supportIncremental ? ["_gc_state"] : [])])
      assert.ok(tables.includes(table), `${table} in ${tables.join(", ")}`);
    assert.equal([...echoLeaks(text, c.secrets), ...c.secrets.flatMap((s) => leaks(text, s))], [], text);
    const failed = await query(db, `SELECT error FROM "${dataset}"._gc_loads WHERE status = 'failed'`);
    assert.is(failed.length, 1);
    assert.match(String(failed[0]?.error), "HTTP 401");
    assert.match(String(failed[0]?.error), "***");
  });
}

test.run();
