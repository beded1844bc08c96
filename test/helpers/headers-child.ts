// Child of client-request.test.ts: one page through HttpClient over cross-fetch, in a fresh process, and
// whether Node's fetch implementation (undici, loaded by the first `new Headers()`) was loaded before and
// after the page's headers were read. Prints one JSON line.
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { HttpClient } from "../../runtime/http/client.ts";
import { Redactor } from "../../runtime/secrets/redactor.ts";

// Required, not imported: an ES import of node:http reads every export, one of which loads undici.
const { createServer } = createRequire(import.meta.url)("node:http") as typeof import("node:http");
const undici = () => (process as unknown as { moduleLoadList: readonly string[] }).moduleLoadList.some((name) => name.includes("undici"));
const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "x-total": "7" });
  res.end('{"data":[1]}');
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const client = new HttpClient({
  retry: { maxRetries: 0, backoffFactor: 2, statusCodes: [], maxDelay: 1 },
  timeoutSeconds: 5,
  maxResponseBytes: 1024,
  maxJsonDepth: 8,
  redactor: new Redactor(),
  resource: "items",
  auth: null,
});
const { port } = server.address() as AddressInfo;
const page = await client.send({ method: "GET", url: new URL(`http://127.0.0.1:${port}/items`), headers: {} });
const before = undici();
const first = page.headers;
const total = first.get("x-total");
const result = { body: page.body, undiciBeforeHeaders: before, total, standard: first instanceof Headers, same: page.headers === first, undiciAfter: undici() };
process.stdout.write(`${JSON.stringify(result)}\n`);
server.close();
