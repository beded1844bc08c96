import { test } from "uvu";
import * as assert from "uvu/assert";
import { createSinglePagePaginator } from "../../../runtime/paginators/single-page.ts";
import { get, run } from "./script.ts";

test("dlt §4.3 #87: stops even with a `next` in the body and a Link header", () => {
  const start = get("https://api.test/x?a=1");
  const p = createSinglePagePaginator();
  assert.is(p.first(start), start);
  const { urls, stopped } = run(p, start, [{ body: { next: "https://api.test/x?page=2" }, headers: { Link: '</x?page=2>; rel="next"' } }]);
  assert.equal(urls, ["https://api.test/x?a=1"]);
  assert.ok(stopped);
});

test.run();
