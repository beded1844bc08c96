import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatPath } from "../../../runtime/detect/path-format.ts";
import { getPath } from "../../../runtime/select/jsonpath.ts";

const cases: [keys: string[], path: string][] = [
  [[], "$"],
  [["data"], "data"],
  [["_links", "next", "href"], "_links.next.href"],
  [["@odata.nextLink"], "['@odata.nextLink']"],
  [["meta", "next-page"], "meta['next-page']"],
  [["it's", "a\\b"], "['it\\'s']['a\\\\b']"],
  [["1st"], "['1st']"],
  [["$ref"], "['$ref']"],
];

for (const [keys, path] of cases) {
  test(`formatPath ${JSON.stringify(keys)} → ${path}`, () => {
    assert.is(formatPath(keys), path);
    if (keys.length === 0) return;
    let body: unknown = "found";
    for (const key of [...keys].reverse()) body = { [key]: body };
    assert.is(getPath(body, path), "found");
  });
}

test.run();
