// A page stream told its caller's last page (preview's --max-pages) requests no page past it: neither
// the one-page read-ahead nor the pages planned from a total, whatever the concurrency.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { RestClient } from "../../../runtime/stream/rest-client.ts";
import { modelOf, SECRETS } from "../../dlt-parity/support.ts";
import { fakeClock } from "../../helpers/fake-clock.ts";
import { startMockApi } from "../../mock-api/server.ts";

test("with lastPage 3 of 10 pages and 8 requests in flight, pages 1–3 are read and only they are requested", async () => {
  const api = await startMockApi({ records: 1000 });
  try {
    const model = modelOf({
      name: "pages",
      client: { base_url: api.url, paginator: { type: "offset", limit: 100, total_path: "total" } },
      resources: [{ name: "items", endpoint: { path: "/v1/resource", data_selector: "data" } }],
    });
    const resource = model.resources[0];
    if (resource === undefined) throw new Error("no resource");
    const client = new RestClient(model.client, { secrets: SECRETS, clock: fakeClock(), concurrency: 8 });
    const numbers: number[] = [];
    for await (const page of client.stream(resource.name, resource.endpoint).pages({}, undefined, 3)) numbers.push(page.number);
    assert.equal(numbers, [1, 2, 3]);
    assert.equal(
      api.requests.map((r) => r.query.offset),
      ["0", "100", "200"],
    );
    // Without it, the same stream reads every page, the rest planned from the total.
    api.requests.length = 0;
    let pages = 0;
    for await (const _ of client.stream(resource.name, resource.endpoint).pages()) pages++;
    assert.equal([pages, api.requests.length], [10, 10]);
  } finally {
    await api.close();
  }
});

test.run();
