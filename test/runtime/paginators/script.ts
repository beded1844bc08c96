// Test helper (not a test file): drives a paginator through a scripted series of responses.
import type { PageRequest, PageResponse } from "../../../runtime/http/request.ts";
import type { Paginator } from "../../../runtime/hooks.ts";

/** One scripted response: a body, optional headers, and the records selected from it. */
export interface ScriptedPage {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Defaults to the body if it is a list, else body.data if that is a list, else []. */
  readonly records?: readonly unknown[];
}

/** A GET request to `url` with no headers or body. */
export function get(url: string, json?: unknown): PageRequest {
  return json === undefined ? { method: "GET", url: new URL(url), headers: {} } : { method: "POST", url: new URL(url), headers: {}, json };
}

/** A 200 response to `request`. */
export function respond(request: PageRequest, page: ScriptedPage): PageResponse {
  return { url: request.url, status: 200, headers: new Headers(page.headers ?? {}), body: page.body };
}

function defaultRecords(body: unknown): readonly unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body === "object" && body !== null && "data" in body && Array.isArray(body.data)) return body.data;
  return [];
}

/** The URLs and requests made for `pages` (one request per page) and whether the paginator stopped by itself. */
export function run(
  paginator: Paginator,
  start: string | PageRequest,
  pages: readonly ScriptedPage[],
): { urls: string[]; requests: PageRequest[]; stopped: boolean } {
  let request: PageRequest | undefined = paginator.first(typeof start === "string" ? get(start) : start);
  const urls: string[] = [];
  const requests: PageRequest[] = [];
  for (const page of pages) {
    urls.push(request.url.href);
    requests.push(request);
    request = paginator.next(request, respond(request, page), page.records ?? defaultRecords(page.body));
    if (request === undefined) return { urls, requests, stopped: true };
  }
  return { urls, requests, stopped: false };
}

/** `n` placeholder records. */
export function items(n: number): unknown[] {
  return Array.from({ length: n }, (_, i) => ({ id: i }));
}

/** An assert.throws predicate: the error is a `type` whose message matches `pattern`. */
export function errorOf(type: abstract new (...args: never[]) => Error, pattern: RegExp = /./): (e: unknown) => boolean {
  return (e) => e instanceof type && pattern.test(e.message);
}
