import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError } from "../../../runtime/errors.ts";
import { createPaginator, paginatorTypes } from "../../../runtime/paginators/index.ts";
import type { PaginatorSpec } from "../../../runtime/connector.ts";
import { errorOf, get, items, respond } from "./script.ts";

const specs: PaginatorSpec[] = [
  { type: "single_page" },
  {
    type: "offset",
    limit: 10,
    offset: 0,
    offsetParam: "offset",
    limitParam: "limit",
    totalPath: "total",
    maximumOffset: null,
    stopAfterEmptyPage: true,
    hasMorePath: null,
  },
  { type: "page_number", basePage: 1, page: 1, pageParam: "page", totalPath: null, maximumPage: null, stopAfterEmptyPage: true, hasMorePath: null },
  { type: "cursor", cursorPath: "next", cursorParam: "cursor", stopAfterEmptyPage: false, hasMorePath: null },
  { type: "json_link", nextUrlPath: "next" },
  { type: "header_link", linksNextKey: "next" },
  { type: "header_cursor", cursorKey: "next", cursorParam: "cursor" },
];

test("every registered type builds and pages a trivial sequence", () => {
  assert.equal([...paginatorTypes].sort(), specs.map((s) => s.type).sort());
  const body = { total: 100, next: "/x?cursor=2", data: items(10) };
  for (const spec of specs) {
    const p = createPaginator(spec);
    const first = p.first(get("https://api.test/x"));
    const next = p.next(first, respond(first, { body, headers: { link: '</x?p=2>; rel="next"', next: "c2" } }), items(10));
    assert.is(next === undefined, spec.type === "single_page", spec.type);
  }
});

test("an unknown type → ConfigError listing the valid types", () => {
  const bogus = JSON.parse('{"type":"auto"}') as PaginatorSpec;
  assert.throws(() => createPaginator(bogus), errorOf(ConfigError, /unknown paginator type "auto"; valid types: single_page, offset/));
  const proto = JSON.parse('{"type":"toString"}') as PaginatorSpec;
  assert.throws(() => createPaginator(proto), errorOf(ConfigError, /unknown paginator type "toString"/));
});

test.run();
