// Path templates as segments: config placeholders and spec parameters become holes; a hole matches a hole, a
// spec hole also matches a literal config segment, identical segments score higher than filled holes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { canonical, configSegments, distance, matchScore, pathnameOf, specSegments } from "../../../generator/openapi/path-segments.ts";

test("pathnameOf drops scheme, host, query and fragment", () => {
  assert.is(pathnameOf("https://api.test:8443/v1/items?page=2#top"), "/v1/items");
  assert.is(pathnameOf("/tickets/{id}?x=1"), "/tickets/{id}");
});

test("placeholders of either side are holes", () => {
  assert.is(canonical(configSegments("/tickets/{resources.tickets.id}/comments")), "/tickets/{}/comments");
  assert.is(canonical(specSegments("/tickets/{ticket_id}/comments")), "/tickets/{}/comments");
  assert.is(canonical(specSegments("/files/{name}.{ext}")), "/files/{}.{}");
});

test("identical segments score 2, a literal filling a spec hole 1, anything else no match", () => {
  const spec = specSegments("/tickets/{id}");
  assert.is(matchScore(configSegments("/tickets/{resources.t.id}"), spec), 4);
  assert.is(matchScore(configSegments("/tickets/5"), spec), 3);
  assert.is(matchScore(configSegments("/tickets/5"), specSegments("/tickets/{id}.json")), undefined);
  assert.is(matchScore(configSegments("/tickets/5.json"), specSegments("/tickets/{id}.json")), 3);
  assert.is(matchScore(configSegments("/tickets/{resources.t.id}"), specSegments("/tickets/latest")), undefined);
  assert.is(matchScore(configSegments("/tickets"), spec), undefined);
});

test("distance is the edit distance", () => {
  assert.is(distance("/tickets", "/ticket"), 1);
  assert.is(distance("", "/a"), 2);
  assert.is(distance("/pets/{}", "/pots/{}"), 1);
  assert.is(distance("/users/{}", "/users/{}"), 0);
});

test.run();
