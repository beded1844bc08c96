// The one normalization every heuristic compares names with, and ordered name lists.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { joinLists, nameList, normalizeName } from "../../../runtime/vocabulary/names.ts";

const spellings: [written: string, normal: string][] = [
  ["page_token", "pagetoken"],
  ["pageToken", "pagetoken"],
  ["Page-Token", "pagetoken"],
  ["PAGE_TOKEN", "pagetoken"],
  ["$skip", "skip"],
  ["_links", "links"],
  ["@odata.nextLink", "odatanextlink"],
  ["page[number]", "pagenumber"],
  ["total-pages", "totalpages"],
];

for (const [written, normal] of spellings) {
  test(`normalizeName: ${written} → ${normal}`, () => {
    assert.is(normalizeName(written), normal);
  });
}

test("a name list matches every spelling and ranks by first place", () => {
  const list = nameList("total", "total_count", "totalCount", "count");
  assert.equal(list.names, ["total", "totalcount", "count"]);
  assert.is(list.rank("TotalCount"), 1);
  assert.is(list.rank("total-count"), 1);
  assert.is(list.rank("count"), 2);
  assert.is(list.rank("sum"), -1);
  assert.ok(list.has("TOTAL"));
  assert.not.ok(list.has("totals"));
});

test("joined lists keep the first list's order and drop repeats", () => {
  const joined = joinLists(nameList("limit", "per_page"), nameList("perPage", "count"));
  assert.equal(joined.names, ["limit", "perpage", "count"]);
});

test.run();
