// Benchmark baseline: fetch every page of /v1/resource sequentially with the global fetch, parse, count.
// Usage: tsx bench/raw-fetch.ts <baseUrl> <records> <limit> [concurrency]
// With a concurrency above 1 the same requests go out that many at a time (the best a client can do).
// Prints one JSON line: { "records": N, "pages": P, "seconds": S }.
// RAW_FETCH=cross-fetch uses cross-fetch's Node implementation (node-fetch, what the runtime uses) instead
// of Node's built-in fetch (undici), so the bench shows which request path is cheaper.
import crossFetch from "cross-fetch";

const fetch = process.env.RAW_FETCH === "cross-fetch" ? crossFetch : globalThis.fetch;

interface OffsetPage {
  data: unknown[];
}

function isOffsetPage(value: unknown): value is OffsetPage {
  return typeof value === "object" && value !== null && "data" in value && Array.isArray(value.data);
}

/** Fetches `records` records `limit` at a time and returns what it counted and how long it took. */
async function rawFetch(baseUrl: string, records: number, limit: number): Promise<{ records: number; pages: number; seconds: number }> {
  const base = baseUrl.replace(/\/+$/, "");
  const started = performance.now();
  let count = 0;
  let pages = 0;
  for (let offset = 0; offset < records; offset += limit) {
    const response = await fetch(`${base}/v1/resource?offset=${offset}&limit=${limit}`);
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status} at offset ${offset}: ${text.slice(0, 200)}`);
    const page: unknown = JSON.parse(text);
    if (!isOffsetPage(page)) throw new Error(`no data array at offset ${offset}`);
    pages++;
    count += page.data.length;
    if (page.data.length === 0) break;
  }
  return { records: count, pages, seconds: (performance.now() - started) / 1000 };
}

/** The same requests, `concurrency` at a time. */
async function rawFetchConcurrent(baseUrl: string, records: number, limit: number, concurrency: number) {
  const base = baseUrl.replace(/\/+$/, "");
  const started = performance.now();
  const offsets: number[] = [];
  for (let offset = 0; offset < records; offset += limit) offsets.push(offset);
  let count = 0;
  let next = 0;
  const worker = async () => {
    while (next < offsets.length) {
      const offset = offsets[next++] as number;
      const response = await fetch(`${base}/v1/resource?offset=${offset}&limit=${limit}`);
      const page: unknown = JSON.parse(await response.text());
      if (!response.ok || !isOffsetPage(page)) throw new Error(`HTTP ${response.status} at offset ${offset}`);
      count += page.data.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { records: count, pages: offsets.length, seconds: (performance.now() - started) / 1000 };
}

const [baseUrl, recordsArg, limitArg, concurrencyArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg ?? 1);
const records = Number(recordsArg);
const limit = Number(limitArg);
if (baseUrl === undefined || !Number.isInteger(records) || records < 0 || !Number.isInteger(limit) || limit < 1) {
  process.stderr.write("usage: tsx bench/raw-fetch.ts <baseUrl> <records> <limit>\n");
  process.exit(2);
}
try {
  const result = concurrency > 1 ? await rawFetchConcurrent(baseUrl, records, limit, concurrency) : await rawFetch(baseUrl, records, limit);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  process.stderr.write(`raw-fetch: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
