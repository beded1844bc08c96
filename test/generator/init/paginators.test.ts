// One small spec fragment per paginator rule, in the order init tries them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { envelope, get, initOf, item, paginatorOf, q, resource, type Json } from "./support.ts";

const limit100 = q("limit", { type: "integer", maximum: 100 });
const nextPage = {
  type: "object",
  nullable: true,
  properties: { offset: { type: "string" }, path: { type: "string" }, uri: { type: "string", format: "uri" } },
};

const cases: [string, object, Json, { params?: Json; warning?: RegExp; selector?: string }?][] = [
  [
    "a declared Link response header → header_link",
    {
      get: {
        parameters: [q("page", { type: "integer" }), q("per_page", { type: "integer", maximum: 100 })],
        responses: {
          "200": {
            description: "ok",
            headers: { Link: { schema: { type: "string" } } },
            content: { "application/json": { schema: { type: "array", items: item } } },
          },
        },
      },
    },
    { type: "header_link" },
    { params: { per_page: 100 }, selector: "$" },
  ],
  [
    "a next-cursor response header → header_cursor",
    {
      get: {
        parameters: [q("cursor")],
        responses: {
          "200": { description: "ok", headers: { "X-Next-Cursor": { schema: { type: "string" } } }, content: { "application/json": { schema: envelope({}) } } },
        },
      },
    },
    { type: "header_cursor", cursor_key: "X-Next-Cursor", cursor_param: "cursor" },
  ],
  [
    "a top-level next URL → json_link",
    get(envelope({ next: { type: "string", format: "uri", nullable: true } })),
    { type: "json_link", next_url_path: "next" },
  ],
  [
    "Front's _pagination.next (with a page_token param) → json_link",
    get(
      {
        type: "object",
        properties: { _pagination: { type: "object", properties: { next: { type: "string", nullable: true } } }, _results: { type: "array", items: item } },
      },
      [limit100, q("page_token")],
    ),
    { type: "json_link", next_url_path: "_pagination.next" },
    { params: { limit: 100 }, selector: "_results" },
  ],
  [
    "HAL _links.next.href → json_link",
    get(envelope({ _links: { type: "object", properties: { next: { type: "object", properties: { href: { type: "string" } } } } } })),
    { type: "json_link", next_url_path: "_links.next.href" },
  ],
  [
    "Intercom's pages.next.starting_after echoes the starting_after param → cursor",
    get(
      envelope({
        pages: {
          type: "object",
          properties: {
            page: { type: "integer" },
            next: { type: "object", properties: { per_page: { type: "integer" }, starting_after: { type: "string" } } },
            total_pages: { type: "integer" },
          },
        },
      }),
      [q("per_page", { type: "integer", default: 20, maximum: 150 }), q("starting_after")],
    ),
    { type: "cursor", cursor_path: "pages.next.starting_after", cursor_param: "starting_after" },
    { params: { per_page: 150 } },
  ],
  [
    "Asana's string offset echoed by next_page.offset → cursor, not offset (and next_page.uri is no URL rule)",
    get(envelope({ next_page: nextPage }), [q("limit", { type: "integer", minimum: 1, maximum: 100 }), q("offset")]),
    { type: "cursor", cursor_path: "next_page.offset", cursor_param: "offset" },
    { params: { limit: 100 } },
  ],
  [
    "next_cursor answers the cursor param → cursor",
    get(envelope({ cursor: { type: "string" }, next_cursor: { type: "string" } }), [q("cursor")]),
    { type: "cursor", cursor_path: "next_cursor", cursor_param: "cursor" },
  ],
  [
    "Stripe lists: starting_after + has_more + data → cursor on the last record's id",
    get(envelope({ has_more: { type: "boolean" }, object: { type: "string", enum: ["list"] }, url: { type: "string" } }), [
      q("limit", { type: "integer" }),
      q("starting_after"),
      q("ending_before"),
    ]),
    { type: "cursor", cursor_path: "data[-1].id", cursor_param: "starting_after", has_more_path: "has_more" },
  ],
  [
    "Stripe search: a string page echoed by next_page → cursor",
    get(envelope({ has_more: { type: "boolean" }, next_page: { type: "string", nullable: true }, total_count: { type: "integer" } }), [
      q("limit", { type: "integer" }),
      q("page"),
    ]),
    { type: "cursor", cursor_path: "next_page", cursor_param: "page" },
  ],
  [
    "a cursor in the response with no declared param → cursor, with a warning",
    get(envelope({ pages: { type: "object", properties: { next: { type: "object", properties: { starting_after: { type: "string" } } } } } })),
    { type: "cursor", cursor_path: "pages.next.starting_after", cursor_param: "starting_after" },
    { warning: /declares no query parameter for it: assumed `starting_after`/ },
  ],
  [
    "numeric offset + limit with a total → offset (limit from maximum)",
    get(envelope({ total: { type: "integer" }, offset: { type: "integer" } }), [q("offset", { type: "integer" }), limit100]),
    { type: "offset", limit: 100 },
  ],
  [
    "skip/top names, a nested count and has_more → offset with params and paths",
    get(envelope({ meta: { type: "object", properties: { total_count: { type: "integer" } } }, has_more: { type: "boolean" } }), [
      q("skip", { type: "integer" }),
      q("top", { type: "integer", default: 25 }),
    ]),
    { type: "offset", limit: 25, offset_param: "skip", limit_param: "top", total_path: "meta.total_count", has_more_path: "has_more" },
  ],
  [
    "offset without a total stops on an empty page; no declared size → 20",
    get({ type: "array", items: item }, [q("offset", { type: "integer" }), q("limit", { type: "integer" })]),
    { type: "offset", limit: 20, total_path: null },
  ],
  [
    "page + per_page with total_pages → page_number from 1",
    get(envelope({ total_pages: { type: "integer" } }), [q("page", { type: "integer" }), q("per_page", { type: "integer", maximum: 50 })]),
    { type: "page_number", base_page: 1, total_path: "total_pages" },
    { params: { per_page: 50 } },
  ],
  [
    "a 0-based page_number param without totals",
    get(envelope({}), [q("page_number", { type: "integer", minimum: 0 })]),
    { type: "page_number", base_page: 0, page_param: "page_number", total_path: null },
  ],
  [
    "paging params but no scheme → single_page with a warning",
    get(envelope({}), [limit100]),
    { type: "single_page" },
    { warning: /looks paged \(query param `limit`\) but no known paging scheme fits/ },
  ],
  ["an unpaged list → single_page", get(envelope({})), { type: "single_page" }],
  [
    "x-speakeasy-pagination cursor, with its results path",
    {
      get: {
        ...(
          get({ type: "object", properties: { items: { type: "array", items: item }, records: { type: "array", items: item }, next: { type: "string" } } }, [
            q("after"),
          ]) as Json
        ).get,
        "x-speakeasy-pagination": {
          type: "cursor",
          inputs: [{ name: "after", in: "parameters", type: "cursor" }],
          outputs: { nextCursor: "$.next", results: "$.records" },
        },
      },
    },
    { type: "cursor", cursor_path: "next", cursor_param: "after" },
    { selector: "records" },
  ],
  [
    "x-speakeasy-pagination offsetLimit",
    {
      get: {
        ...(get(envelope({}), [q("start", { type: "integer" }), q("count", { type: "integer", maximum: 40 })]) as Json).get,
        "x-speakeasy-pagination": {
          type: "offsetLimit",
          inputs: [
            { name: "start", in: "parameters", type: "offset" },
            { name: "count", in: "parameters", type: "limit" },
          ],
          outputs: { results: "$.data" },
        },
      },
    },
    { type: "offset", limit: 40, limit_param: "count", offset_param: "start", total_path: null },
  ],
  [
    "x-fern-pagination offset without step is a page index",
    {
      get: {
        ...(get(envelope({ more: { type: "boolean" } }), [q("page", { type: "integer" })]) as Json).get,
        "x-fern-pagination": { offset: "$request.page", results: "$response.data", "has-next-page": "$response.more" },
      },
    },
    { type: "page_number", base_page: 1, total_path: null, has_more_path: "more" },
  ],
  [
    "x-fern-pagination cursor",
    {
      get: {
        ...(get(envelope({ meta: { type: "object", properties: { after: { type: "string" } } } }), [q("token")]) as Json).get,
        "x-fern-pagination": { cursor: "$request.token", next_cursor: "$response.meta.after", results: "$response.data" },
      },
    },
    { type: "cursor", cursor_path: "meta.after", cursor_param: "token" },
  ],
  [
    "x-stainless-pagination-property cursor fields",
    get(
      {
        type: "object",
        properties: {
          result: { type: "array", items: item, "x-stainless-pagination-property": { purpose: "items" } },
          info: { type: "object", properties: { cursor: { type: "string", "x-stainless-pagination-property": { purpose: "next_cursor_field" } } } },
        },
      },
      [{ ...q("cursor"), "x-stainless-pagination-property": { purpose: "next_cursor_param" } }],
    ),
    { type: "cursor", cursor_path: "info.cursor", cursor_param: "cursor" },
    { selector: "result" },
  ],
  [
    "an untranslatable vendor marker falls back to the heuristics, with a warning",
    {
      get: {
        ...(get(envelope({ total: { type: "integer" } }), [q("offset", { type: "integer" }), limit100]) as Json).get,
        "x-speakeasy-pagination": { type: "weird" },
      },
    },
    { type: "offset", limit: 100 },
    { warning: /x-speakeasy-pagination extension could not be translated/ },
  ],
];

for (const [name, pathItem, paginator, more] of cases) {
  test(name, () => {
    const result = initOf({ "/things": pathItem });
    const r = resource(result, "things");
    assert.equal(paginatorOf(r), paginator);
    assert.type(r.endpoint.paginator.$comment, "string");
    if (more?.params !== undefined) assert.equal(r.endpoint.params, more.params);
    if (more?.selector !== undefined) assert.is(r.endpoint.data_selector, more.selector);
    const warnings = result.warnings.join("\n");
    if (more?.warning !== undefined) assert.match(warnings, more.warning);
    else assert.not.match(warnings, /things/, `unexpected warnings: ${warnings}`);
  });
}

test.run();
