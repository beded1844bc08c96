// OAuth2 secrets (client id and secret, access tokens) never appear, in any encoding, in any error.
import type { IncomingMessage } from "node:http";
import { inspect } from "node:util";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createAuth } from "../../../runtime/auth/index.ts";
import { Redactor } from "../../../runtime/secrets/redactor.ts";
import type { ResponseActionSpec } from "../../../runtime/connector.ts";
import { FakeClock, json, stall, startServer, type Handler, type TestServer } from "../http/server.ts";
import { get, makeClient, rejection, TRANSPORTS } from "../http/make-client.ts";
import { ECHO_ENCODINGS, echoLeaks } from "../../helpers/secrets.ts";

const SECRETS = { CLIENT_ID: "SNTLid-4r", CLIENT_SECRET: "SNTLsecret-7f/+= x&q" };
const TOKEN = "SNTLtoken-9qW2/+=";
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const FORBIDDEN = [SECRETS.CLIENT_ID, SECRETS.CLIENT_SECRET, TOKEN, `${SECRETS.CLIENT_ID}:${SECRETS.CLIENT_SECRET}`].flatMap((s) => [
  s,
  encodeURIComponent(s),
  new URLSearchParams({ k: s }).toString().slice(2),
  b64(s),
  b64(s).replace(/=+$/, ""),
  Buffer.from(s).toString("base64url"),
]);

/** Everything an error exposes: message, String, JSON, inspect, and the whole cause chain. */
function exposed(error: Error): string {
  const parts = [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 20, showHidden: true }), error.stack ?? ""];
  for (let e: unknown = error.cause; e !== undefined; e = e instanceof Error ? e.cause : undefined) {
    parts.push(String(e), e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : "", JSON.stringify(e) ?? "");
  }
  return parts.join("\n");
}

/** What the client sent (headers, URL and form body, raw and decoded), as hostile servers echo it. */
function sent(req: IncomingMessage, server: TestServer): string {
  const body = server.received[server.received.length - 1]?.body ?? "";
  return `${req.url ?? ""} ${JSON.stringify(req.headers)} ${body} ${decodeURIComponent(body.replace(/\+/g, " "))}`;
}

/** Only what carries the client's credentials: the Authorization header and the form's secret as a server decodes it. */
function credentials(req: IncomingMessage, server: TestServer): string {
  const form = new URLSearchParams(server.received[server.received.length - 1]?.body ?? "");
  return `${req.headers.authorization ?? ""} ${form.get("client_secret") ?? ""}`;
}

/** A token endpoint's 401 echoing the credentials in one of the encodings a server may write. */
const echoEncoded =
  (encode: (text: string) => string): Handler =>
  (req, res) => {
    res.writeHead(401, { "content-type": "application/json" });
    res.end(`{"error":"${encode(credentials(req, tokens))}"}`);
  };

/** Responds with `status` and a body built from what was sent. */
const echo =
  (server: () => TestServer, status: number, wrap: (echoed: string) => string, headers: Record<string, string> = {}): Handler =>
  (req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(wrap(sent(req, server())));
  };

let tokens: TestServer;
let api: TestServer;
const asJson = (e: string) => JSON.stringify({ error: e });
const GRANT = json(200, { access_token: TOKEN, expires_in: 3600 });

const FAULTS: [label: string, token: Handler, data: Handler, actions?: ResponseActionSpec[]][] = [
  ["token 400 echoing the form", echo(() => tokens, 400, asJson), json(200, {})],
  [
    "token 401 plain text",
    echo(
      () => tokens,
      401,
      (e) => e,
    ),
    json(200, {}),
  ],
  ["token 500 exhausted", echo(() => tokens, 500, asJson), json(200, {})],
  [
    "token redirect carrying the secret",
    echo(
      () => tokens,
      302,
      () => "",
      { location: `https://evil.example/?s=${encodeURIComponent(SECRETS.CLIENT_SECRET)}` },
    ),
    json(200, {}),
  ],
  ["token 200 without access_token echoing the form", echo(() => tokens, 200, asJson), json(200, {})],
  [
    "token 200 not JSON, echoing",
    echo(
      () => tokens,
      200,
      (e) => `<html>${e}</html>`,
    ),
    json(200, {}),
  ],
  ["token 200 truncated JSON with the token", (_req, res) => res.end(`{"access_token": "${TOKEN}", "expires_in": `), json(200, {})],
  ["token timeout", stall, json(200, {})],
  ["data 401 twice echoing the bearer", GRANT, echo(() => api, 401, asJson)],
  ["data 500 exhausted echoing the bearer", GRANT, echo(() => api, 500, asJson)],
  ["data fail action echoing the bearer", GRANT, echo(() => api, 200, asJson), [{ statusCode: null, content: "error", action: "fail" }]],
  ...ECHO_ENCODINGS.map(([label, encode]): [string, Handler, Handler] => [`token 401 echoing the credentials, ${label}`, echoEncoded(encode), json(200, {})]),
];

for (const [transport, fetchImpl] of TRANSPORTS) {
  const test = suite(`oauth2: no secret leaks over ${transport}`);
  test.before(async () => {
    tokens = await startServer();
    api = await startServer();
  });
  test.after(async () => {
    await tokens.close();
    await api.close();
  });

  for (const [label, tokenHandler, dataHandler, actions] of FAULTS) {
    test(label, async () => {
      tokens.script(tokenHandler);
      api.script(dataHandler);
      const clock = new FakeClock();
      const redactor = new Redactor();
      const retry = { maxRetries: 1, backoffFactor: 1, statusCodes: [429, 500], maxDelay: 60 };
      const spec = {
        type: "oauth2_client_credentials",
        accessTokenUrl: `${tokens.origin}/oauth/token`,
        clientId: { $secret: "client_id" },
        clientSecret: { $secret: "client_secret" },
        accessTokenRequestData: {},
        defaultTokenExpiration: 3600,
      } as const;
      const auth = createAuth(spec, { env: SECRETS, dotenv: {} }, redactor, { fetch: fetchImpl, clock, retry, timeoutSeconds: 0.15 });
      const options = { auth, clock, redactor, retry, timeoutSeconds: 0.15, ...(actions === undefined ? {} : { responseActions: actions }) };
      const { client, events } = makeClient(fetchImpl === undefined ? options : { ...options, fetch: fetchImpl });
      const error = await rejection(client.send(get(`${api.origin}/v1/items?page=3`)));
      assert.ok(tokens.received.length >= 1, "the token endpoint was reached");
      const text = `${exposed(error)}\n${JSON.stringify(events)}`;
      const lower = text.toLowerCase();
      for (const form of FORBIDDEN) assert.not.ok(lower.includes(form.toLowerCase()), `leaked ${JSON.stringify(form)} in:\n${text}`);
      assert.equal(echoLeaks(text, [SECRETS.CLIENT_SECRET, b64(`${SECRETS.CLIENT_ID}:${SECRETS.CLIENT_SECRET}`), TOKEN]), [], text);
    });
  }

  test.run();
}
