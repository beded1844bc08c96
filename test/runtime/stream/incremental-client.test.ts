// The generated client of an incremental resource, used outside `sync` (no stored cursor): its
// `{incremental.*}` placeholders take the config's initial_value, as a first sync's requests do.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { SupportIncrementalClient } from "../../../generated/support_incremental/index.ts";

test("an incremental resource's client requests from initial_value and leaves an unset end_value out", async () => {
  const urls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    urls.push(String(input));
    const body = { data: [{ id: 1, customer_id: "c1", created_at: "2024-02-01T00:00:00Z" }], total: 1 };
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  }) as typeof globalThis.fetch;
  const client = new SupportIncrementalClient({ baseUrl: "http://api.test", fetch, secrets: { env: { API_KEY: "k" }, dotenv: {} } });
  const records = [];
  for await (const record of client.tickets()) records.push(record.id);
  assert.equal(records, [1]);
  const first = new URL(urls[0] ?? "");
  assert.is(first.searchParams.get("created_since"), "2024-01-01T00:00:00Z");
  assert.is(first.searchParams.has("created_until"), false, "an unset end_value leaves its param out");
});

test.run();
