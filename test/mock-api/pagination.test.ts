// Every pagination mode, followed by hand, serves every record exactly once; loop/abuse switches.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { decodeCursor, encodeCursor, PAGINATION_MODES, type PaginationMode } from "./pagination.ts";
import { startMockApi, type MockApi } from "./server.ts";

interface Fetched {
  status: number;
  headers: Headers;
  body: unknown;
}

async function get(url: string): Promise<Fetched> {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function field(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function ids(rows: unknown): number[] {
  assert.ok(Array.isArray(rows), "records are an array");
  return (rows as unknown[]).map((row) => field(row, "id") as number);
}

/** The next-link target of an RFC 8288 Link header, if any. */
function linkNext(header: string | null): string | null {
  const match = /<([^>]*)>\s*;\s*rel="?next"?/.exec(header ?? "");
  return match?.[1] ?? null;
}

/** Follows one mode from its first page to its last, returning the record ids in order. */
async function follow(api: MockApi, mode: PaginationMode, pageSize: number): Promise<number[]> {
  const base = `${api.url}/v1/resource`;
  const seen: number[] = [];
  let url: string | null = mode === "page_number" ? `${base}?page=1&page_size=${pageSize}` : mode === "single_page" ? base : `${base}?limit=${pageSize}`;
  for (let guard = 0; url !== null; guard++) {
    assert.ok(guard < 1000, "paging ends");
    const page: Fetched = await get(url);
    assert.is(page.status, 200);
    const body = page.body;
    switch (mode) {
      case "offset": {
        seen.push(...ids(field(body, "data")));
        const next = (field(body, "offset") as number) + (field(body, "limit") as number);
        url = next < (field(body, "total") as number) ? `${base}?offset=${next}&limit=${pageSize}` : null;
        break;
      }
      case "page_number": {
        seen.push(...ids(field(body, "data")));
        const pageNo = field(body, "page") as number;
        url = pageNo < (field(body, "total_pages") as number) ? `${base}?page=${pageNo + 1}&page_size=${pageSize}` : null;
        break;
      }
      case "cursor": {
        seen.push(...ids(field(body, "data")));
        const cursor = field(body, "next_cursor") as string | null;
        url = cursor === null ? null : `${base}?limit=${pageSize}&cursor=${encodeURIComponent(cursor)}`;
        break;
      }
      case "json_link":
        seen.push(...ids(field(body, "data")));
        url = field(body, "next") as string | null;
        break;
      case "header_link":
        seen.push(...ids(body));
        url = linkNext(page.headers.get("link"));
        break;
      case "header_cursor": {
        seen.push(...ids(field(body, "data")));
        const cursor = page.headers.get("x-next-cursor");
        url = cursor === null ? null : `${base}?limit=${pageSize}&cursor=${encodeURIComponent(cursor)}`;
        break;
      }
      case "single_page":
        seen.push(...ids(field(body, "data")));
        url = null;
        break;
    }
  }
  return seen;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

for (const mode of PAGINATION_MODES) {
  test(`${mode}: every record exactly once`, async () => {
    const api = await startMockApi({ records: 250, pagination: mode });
    try {
      assert.equal(await follow(api, mode, 100), range(250));
      api.setOptions({ records: 200 });
      assert.equal(await follow(api, mode, 50), range(200));
      api.setOptions({ records: 0 });
      assert.equal(await follow(api, mode, 100), []);
    } finally {
      await api.close();
    }
  });
}

test("offset: limit defaults to 100 and is clamped to 100", async () => {
  const api = await startMockApi({ records: 1000 });
  try {
    const first = await get(`${api.url}/v1/resource`);
    assert.is(field(first.body, "limit"), 100);
    assert.is(field(first.body, "offset"), 0);
    assert.is(field(first.body, "total"), 1000);
    const big = await get(`${api.url}/v1/resource?offset=950&limit=500`);
    assert.is(field(big.body, "limit"), 100);
    assert.equal(ids(field(big.body, "data")), range(1000).slice(950));
  } finally {
    await api.close();
  }
});

test("bad paging parameters are a 400", async () => {
  const api = await startMockApi({ records: 10, pagination: "cursor" });
  try {
    const bad = await get(`${api.url}/v1/resource?cursor=not-a-cursor`);
    assert.is(bad.status, 400);
    assert.is(field(bad.body, "error"), "bad_request");
    api.setOptions({ pagination: "offset" });
    assert.is((await get(`${api.url}/v1/resource?offset=-1`)).status, 400);
    assert.is((await get(`${api.url}/v1/resource?limit=abc`)).status, 400);
    api.setOptions({ pagination: "page_number" });
    assert.is((await get(`${api.url}/v1/resource?page=0`)).status, 400);
  } finally {
    await api.close();
  }
});

test("cursor tokens are opaque base64url and round-trip", () => {
  const token = encodeCursor(300);
  assert.ok(/^[A-Za-z0-9_-]+$/.test(token));
  assert.is(decodeCursor(token), 300);
  assert.is(decodeCursor("garbage"), undefined);
  assert.is(decodeCursor(Buffer.from('{"offset":-5}').toString("base64url")), undefined);
});

test("header_link also carries rel=last", async () => {
  const api = await startMockApi({ records: 250, pagination: "header_link" });
  try {
    const page = await get(`${api.url}/v1/resource?limit=100`);
    assert.match(page.headers.get("link") ?? "", /rel="last"/);
    assert.match(page.headers.get("link") ?? "", /offset=200/);
  } finally {
    await api.close();
  }
});

for (const mode of ["cursor", "header_cursor"] as const) {
  test(`${mode}: repeatCursor hands out the same cursor forever`, async () => {
    const api = await startMockApi({ records: 150, pagination: mode, repeatCursor: true });
    try {
      const cursors: string[] = [];
      let url = `${api.url}/v1/resource`;
      for (let i = 0; i < 5; i++) {
        const page = await get(url);
        const cursor = mode === "cursor" ? (field(page.body, "next_cursor") as string) : page.headers.get("x-next-cursor");
        assert.type(cursor, "string");
        cursors.push(cursor as string);
        url = `${api.url}/v1/resource?cursor=${cursor}`;
      }
      assert.is(new Set(cursors).size, 1);
    } finally {
      await api.close();
    }
  });
}

test("json_link: repeatCursor repeats the next link", async () => {
  const api = await startMockApi({ records: 150, pagination: "json_link", repeatCursor: true });
  try {
    const first = field((await get(`${api.url}/v1/resource`)).body, "next") as string;
    const second = field((await get(first)).body, "next") as string;
    assert.is(second, first);
  } finally {
    await api.close();
  }
});

test("foreignNextLink: json_link and header_link point at another origin", async () => {
  const foreign = "http://127.0.0.2:9/v1/resource?offset=100";
  const api = await startMockApi({ records: 250, pagination: "json_link", foreignNextLink: foreign });
  try {
    assert.is(field((await get(`${api.url}/v1/resource`)).body, "next"), foreign);
    api.setOptions({ pagination: "header_link" });
    assert.is(linkNext((await get(`${api.url}/v1/resource`)).headers.get("link")), foreign);
    api.setOptions({ foreignNextLink: undefined });
    assert.ok(linkNext((await get(`${api.url}/v1/resource`)).headers.get("link"))?.startsWith(api.url));
  } finally {
    await api.close();
  }
});

test("json_link: next links keep other query parameters", async () => {
  const api = await startMockApi({ records: 250, pagination: "json_link" });
  try {
    const next = new URL(field((await get(`${api.url}/v1/resource?limit=50&sort=id`)).body, "next") as string);
    assert.is(next.origin, api.url);
    assert.is(next.searchParams.get("sort"), "id");
    assert.is(next.searchParams.get("offset"), "50");
    assert.is(next.searchParams.get("limit"), "50");
  } finally {
    await api.close();
  }
});

test.run();
