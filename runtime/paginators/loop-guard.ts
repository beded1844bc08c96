// Detects a pagination sequence that requests the same page twice (method + URL + JSON or form body).
import { createHash } from "node:crypto";
import { PaginationError } from "../errors.ts";
import type { PageRequest } from "../http/request.ts";

function sortKeys(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/** A digest of what identifies a request: method, URL (query sorted, fragment dropped) and JSON or form body. */
function requestKey(request: PageRequest): string {
  const url = new URL(request.url);
  url.hash = "";
  url.searchParams.sort();
  const json = request.json === undefined ? "" : JSON.stringify(request.json, sortKeys);
  const form = request.form === undefined ? "" : JSON.stringify(request.form, sortKeys);
  const body = `${json}\n${form}`;
  return createHash("sha256").update(`${request.method} ${url.href}\n${body}`).digest("base64");
}

/** Names what repeated without any query value (values may carry secrets). */
function describeRequest(request: PageRequest): string {
  const names = [...new Set(request.url.searchParams.keys())];
  const query = names.length === 0 ? "no query params" : `query params ${names.join(", ")}`;
  const body = request.json !== undefined ? ", same JSON body" : request.form !== undefined ? ", same form body" : "";
  return `${request.method} ${request.url.pathname}, ${query}${body}`;
}

/** Remembers the requests of one pagination sequence; use a new instance per sequence. */
export class LoopGuard {
  readonly #seen = new Map<string, number>();

  /** Records `request` as page `pageNumber`; throws PaginationError if an earlier page made the same request. */
  check(request: PageRequest, pageNumber: number): void {
    const key = requestKey(request);
    const earlier = this.#seen.get(key);
    if (earlier !== undefined) {
      throw new PaginationError(`pagination loop: page ${pageNumber} repeats the request of page ${earlier} (${describeRequest(request)})`);
    }
    this.#seen.set(key, pageNumber);
  }
}
