// A page's URL as the client hands it out: the page's request before authentication, sensitive query
// values masked. The page stream redacts it only when it is read (a sync never reads it), so this
// checks that the late redaction still masks and that each page keeps its own URL.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import { RestClient } from "../../../runtime/stream/rest-client.ts";
import { modelOf, SECRETS } from "../../dlt-parity/support.ts";
import { fakeClock } from "../../helpers/fake-clock.ts";
import { json, startServer } from "../http/server.ts";

test("each page's URL is its own request's, sensitive parameters masked", async () => {
  const server = await startServer();
  try {
    server.script(json(200, { data: [{ id: 1 }, { id: 2 }] }), json(200, { data: [{ id: 3 }] }), json(200, { data: [] }));
    const model = modelOf({
      name: "pages",
      client: {
        base_url: server.origin,
        auth: { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" },
        paginator: { type: "offset", limit: 2, total_path: null },
      },
      resources: [{ name: "items", endpoint: { path: "/v1/items", data_selector: "data", params: { access_token: "plain-in-config" } } }],
    });
    const resource = model.resources[0];
    if (resource === undefined) throw new Error("no resource");
    const client = new RestClient(model.client, { secrets: SECRETS, clock: fakeClock(), concurrency: 1 });
    const urls: string[] = [];
    for await (const page of client.pages(resource.name, resource.endpoint, z.looseObject({}))) urls.push(page.url);
    assert.equal(urls, [
      `${server.origin}/v1/items?access_token=***&offset=0&limit=2`,
      `${server.origin}/v1/items?access_token=***&offset=2&limit=2`,
      `${server.origin}/v1/items?access_token=***&offset=4&limit=2`,
    ]);
    assert.ok(
      server.received.every((r) => r.url.includes(`api_key=${SECRETS.env.API_KEY}`)),
      "the key was sent",
    );
  } finally {
    await server.close();
  }
});

test.run();
