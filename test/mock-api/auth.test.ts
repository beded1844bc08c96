// Each auth kind accepts its credential and rejects a missing or wrong one with 401.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseCookies, type MockAuth } from "./auth.ts";
import { startMockApi } from "./server.ts";

interface Case {
  auth: MockAuth;
  /** Adds a credential (`secret`) to a request. */
  apply: (url: URL, headers: Record<string, string>, secret: string) => void;
  good: string;
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

const CASES: Case[] = [
  {
    auth: { type: "api_key_query", name: "api_key", value: "k1" },
    apply: (url, _headers, secret) => url.searchParams.set("api_key", secret),
    good: "k1",
  },
  {
    auth: { type: "api_key_header", name: "X-API-Key", value: "k2" },
    apply: (_url, headers, secret) => (headers["X-Api-KEY"] = secret),
    good: "k2",
  },
  {
    auth: { type: "api_key_cookie", name: "session", value: "k3" },
    apply: (_url, headers, secret) => (headers["cookie"] = `theme=dark; session=${secret}`),
    good: "k3",
  },
  {
    auth: { type: "bearer", token: "t0k3n" },
    apply: (_url, headers, secret) => (headers["authorization"] = `Bearer ${secret}`),
    good: "t0k3n",
  },
  {
    auth: { type: "basic", username: "ann", password: "p:ss" },
    apply: (_url, headers, secret) => (headers["authorization"] = basic("ann", secret)),
    good: "p:ss",
  },
];

for (const { auth, apply, good } of CASES) {
  test(`${auth.type}: accepted with the right credential, 401 otherwise`, async () => {
    const api = await startMockApi({ records: 5, auth });
    try {
      const call = async (secret: string | undefined): Promise<Response> => {
        const url = new URL(`${api.url}/v1/resource`);
        const headers: Record<string, string> = {};
        if (secret !== undefined) apply(url, headers, secret);
        return fetch(url, { headers });
      };
      const ok = await call(good);
      assert.is(ok.status, 200);
      assert.is(((await ok.json()) as { data: unknown[] }).data.length, 5);
      for (const secret of [undefined, "wrong", `${good}x`]) {
        const denied = await call(secret);
        assert.is(denied.status, 401, `secret ${String(secret)}`);
        assert.equal(await denied.json(), { error: "unauthorized" });
      }
    } finally {
      await api.close();
    }
  });
}

test("bearer and basic 401s carry a WWW-Authenticate challenge", async () => {
  const api = await startMockApi({ auth: { type: "bearer", token: "t" } });
  try {
    const response = await fetch(`${api.url}/v1/resource`);
    await response.text();
    assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer/);
    api.setOptions({ auth: { type: "basic", username: "u", password: "p" } });
    const basicResponse = await fetch(`${api.url}/v1/resource`, { headers: { authorization: "Bearer t" } });
    await basicResponse.text();
    assert.is(basicResponse.status, 401);
    assert.match(basicResponse.headers.get("www-authenticate") ?? "", /^Basic/);
    api.setOptions({ auth: undefined });
    assert.is((await fetch(`${api.url}/v1/resource`)).status, 200);
  } finally {
    await api.close();
  }
});

test("the bearer scheme name is case-insensitive", async () => {
  const api = await startMockApi({ auth: { type: "bearer", token: "t" } });
  try {
    assert.is((await fetch(`${api.url}/v1/resource`, { headers: { authorization: "bearer t" } })).status, 200);
  } finally {
    await api.close();
  }
});

test("parseCookies", () => {
  const cookies = parseCookies("a=1; b = 2;c=x=y; a=3");
  assert.is(cookies.get("a"), "1");
  assert.is(cookies.get("b"), "2");
  assert.is(cookies.get("c"), "x=y");
  assert.is(parseCookies(undefined).size, 0);
});

test.run();
