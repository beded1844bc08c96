import { test } from "uvu";
import * as assert from "uvu/assert";
import { joinUrl, sameOrigin } from "../../../runtime/http/url.ts";

test("joinUrl: exactly one slash, absolute paths bypass, empties", () => {
  const cases: [base: string, path: string, joined: string][] = [
    ["https://api.example.com", "/v1/items", "https://api.example.com/v1/items"],
    ["https://api.example.com/", "v1/items", "https://api.example.com/v1/items"],
    ["https://api.example.com/", "/v1/items", "https://api.example.com/v1/items"],
    ["https://api.example.com/api//", "//v1/items?x=1", "https://api.example.com/api/v1/items?x=1"],
    ["https://api.example.com", "https://other.example.com/x", "https://other.example.com/x"],
    ["https://api.example.com", "HTTP://other.example.com/x", "HTTP://other.example.com/x"],
    ["", "/v1/items", "/v1/items"],
    ["https://api.example.com/v1", "", "https://api.example.com/v1"],
  ];
  for (const [base, path, joined] of cases) assert.is(joinUrl(base, path), joined, `${base} + ${path}`);
});

test("sameOrigin compares scheme, host and port", () => {
  const cases: [a: string, b: string, same: boolean][] = [
    ["https://a.example.com/x", "https://a.example.com/y?z=1", true],
    ["https://a.example.com/", "https://a.example.com:443/", true],
    ["https://a.example.com/", "http://a.example.com/", false],
    ["https://a.example.com/", "https://b.example.com/", false],
    ["https://a.example.com/", "https://a.example.com:8443/", false],
    ["https://a.example.com/", "https://user:pw@a.example.com/", true],
  ];
  for (const [a, b, same] of cases) assert.is(sameOrigin(new URL(a), new URL(b)), same, `${a} vs ${b}`);
});

test.run();
