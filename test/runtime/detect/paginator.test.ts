import { test } from "uvu";
import * as assert from "uvu/assert";
import { detectDataSelector } from "../../../runtime/detect/data-selector.ts";
import { detectPaginator } from "../../../runtime/detect/paginator.ts";
import type { PageRequest, PageResponse } from "../../../runtime/http/request.ts";
import { createSelector } from "../../../runtime/select/records.ts";
import { getPath } from "../../../runtime/select/jsonpath.ts";
import type { PaginatorSpec } from "../../../runtime/spec.ts";
import { dltCases, vendorCases, type DetectCase } from "./paginator-cases.ts";

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

function run(c: DetectCase): void {
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
}

for (const c of [...dltCases, ...vendorCases]) test(c.name, () => run(c));

test.run();
