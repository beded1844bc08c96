// Shared table-driven harness of the paginator detection tests: case shape, spec builders, runner.
import * as assert from "uvu/assert";
import { detectDataSelector } from "../../../runtime/detect/data-selector.ts";
import { detectPaginator } from "../../../runtime/detect/paginator.ts";
import type { PageRequest, PageResponse } from "../../../runtime/http/request.ts";
import { createPaginator } from "../../../runtime/paginators/index.ts";
import { createSelector } from "../../../runtime/select/records.ts";
import { getPath } from "../../../runtime/select/jsonpath.ts";
import type { PaginatorSpec } from "../../../runtime/connector.ts";

/** One response shape and what detection must find. */
export interface DetectCase {
  readonly name: string;
  /** Request URL; defaults to https://api.test/items. */
  readonly url?: string;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
  readonly selector: string;
  readonly spec: PaginatorSpec;
  readonly confident: boolean;
  /** The reason must match. */
  readonly reason?: RegExp;
}

export const two = [
  { id: 1, name: "Item 1" },
  { id: 2, name: "Item 2" },
];

export const single = { type: "single_page" } as const;
export const jsonLink = (nextUrlPath: string): PaginatorSpec => ({ type: "json_link", nextUrlPath });
export const cursor = (cursorPath: string, cursorParam: string, hasMorePath: string | null = null): PaginatorSpec => ({
  type: "cursor",
  cursorPath,
  cursorParam,
  stopAfterEmptyPage: false,
  hasMorePath,
});
export const offset = (o: {
  limit: number;
  offset: number;
  offsetParam?: string;
  limitParam?: string;
  totalPath: string | null;
  hasMorePath?: string;
}): PaginatorSpec => ({
  type: "offset",
  limit: o.limit,
  offset: o.offset,
  offsetParam: o.offsetParam ?? "offset",
  limitParam: o.limitParam ?? "limit",
  totalPath: o.totalPath,
  maximumOffset: null,
  stopAfterEmptyPage: true,
  hasMorePath: o.hasMorePath ?? null,
});
export const pages = (o: { basePage: number; page: number; pageParam?: string; totalPath: string | null; hasMorePath?: string }): PaginatorSpec => ({
  type: "page_number",
  basePage: o.basePage,
  page: o.page,
  pageParam: o.pageParam ?? "page",
  totalPath: o.totalPath,
  maximumPage: null,
  stopAfterEmptyPage: true,
  hasMorePath: o.hasMorePath ?? null,
});

/** Every body path a spec names. */
function bodyPaths(spec: PaginatorSpec): string[] {
  switch (spec.type) {
    case "offset":
    case "page_number":
      return [spec.totalPath, spec.hasMorePath].filter((p): p is string => p !== null);
    case "cursor":
      return [spec.cursorPath, ...(spec.hasMorePath === null ? [] : [spec.hasMorePath])];
    case "json_link":
      return [spec.nextUrlPath];
    default:
      return [];
  }
}

export function run(c: DetectCase): void {
  const request: PageRequest = { method: "GET", url: new URL(c.url ?? "https://api.test/items"), headers: {} };
  const response: PageResponse = { url: request.url, status: 200, headers: new Headers(c.headers ?? {}), body: c.body };
  const selector = detectDataSelector(c.body);
  assert.is(selector.path, c.selector, "data selector");
  const records = createSelector(selector.path)(c.body);
  const found = detectPaginator(request, response, records);
  assert.equal(found.spec, c.spec);
  assert.is(found.confident, c.confident, `confident (reason: ${found.reason})`);
  if (c.reason !== undefined) assert.match(found.reason, c.reason);
  for (const path of bodyPaths(found.spec)) assert.ok(getPath(c.body, path) !== undefined, `\`${path}\` resolves`);
  createPaginator(found.spec); // a complete, valid spec: throws otherwise
}
