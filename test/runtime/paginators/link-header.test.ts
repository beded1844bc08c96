import { test } from "uvu";
import * as assert from "uvu/assert";
import { findLink, parseLinkHeader } from "../../../runtime/paginators/link-header.ts";

test("GitHub-style header with several links", () => {
  const header = '<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last"';
  const links = parseLinkHeader(header);
  assert.equal(
    links.map((l) => [l.uri, l.rels]),
    [
      ["https://api.github.com/repositories/1/issues?page=2", ["next"]],
      ["https://api.github.com/repositories/1/issues?page=5", ["last"]],
    ],
  );
  assert.is(findLink(header, "next"), "https://api.github.com/repositories/1/issues?page=2");
  assert.is(findLink(header, "prev"), undefined);
});

const cases: [name: string, header: string, next: string | undefined][] = [
  ["unquoted rel", "</p2>; rel=next", "/p2"],
  ["several rel values", '</last>; rel="next last"', "/last"],
  ["rel case-insensitive", '</p2>; REL="Next"', "/p2"],
  ["extra whitespace", '  </p2>  ;  rel = "next"  ,  </p1> ; rel="prev" ', "/p2"],
  ["no spaces", '</p1>;rel="prev",</p2>;rel="next"', "/p2"],
  ["commas and semicolons inside the URI", '</a?x=1,2;3>; rel="next"', "/a?x=1,2;3"],
  ["commas inside a quoted title", '</p1>; title="a, b; rel=next"; rel="prev", </p2>; rel="next"', "/p2"],
  ["escaped quotes in a title", '</p1>; title="say \\"hi\\", ok"; rel=prev, </p2>; rel=next', "/p2"],
  ["other params before rel", '</p2>; type="application/json"; rel="next"', "/p2"],
  ["first rel wins (RFC 8288)", '</p2>; rel="prev"; rel="next"', undefined],
  ["malformed link skipped", 'garbage; rel="next", </p2>; rel="next"', "/p2"],
  ["rel missing", "</p2>", undefined],
  ["empty header", "", undefined],
  ["unterminated <", "</p2; rel=next", undefined],
];
for (const [name, header, next] of cases) {
  test(`parse: ${name}`, () => {
    assert.is(findLink(header, "next"), next);
  });
}

test("params are lower-cased and kept", () => {
  const [link] = parseLinkHeader('</p2>; Rel="next"; Title="Page 2"; hreflang=en');
  assert.is(link?.params.get("title"), "Page 2");
  assert.is(link?.params.get("hreflang"), "en");
});

test.run();
