import { inspect } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Redactor } from "../../../runtime/secrets/redactor.ts";

const SECRET = "s3cr3t/+= key&ü";
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

test("every encoding of a registered secret is masked", () => {
  const redactor = new Redactor();
  redactor.add(SECRET);
  const forms: [label: string, form: string][] = [
    ["raw", SECRET],
    ["encodeURIComponent", encodeURIComponent(SECRET)],
    ["encodeURI", encodeURI(SECRET)],
    ["form", new URLSearchParams({ k: SECRET }).toString().slice(2)],
    ["base64", b64(SECRET)],
    ["base64 unpadded", b64(SECRET).replace(/=+$/, "")],
    ["base64url", Buffer.from(SECRET).toString("base64url")],
    ["JSON-escaped", JSON.stringify(SECRET).slice(1, -1)],
  ];
  for (const [label, form] of forms) {
    assert.is(redactor.redact(`before ${form} after`), "before *** after", label);
  }
});

test("matching ignores case (URL parsing lower-cases hosts; %xx escapes vary in case)", () => {
  const redactor = new Redactor();
  redactor.add("MiXeD/Secret");
  assert.is(redactor.redact("https://mixed/secret.example/ and MiXeD%2fSecret"), "https://***.example/ and ***");
});

test("addBasic masks base64(user:pass) and the password", () => {
  const redactor = new Redactor();
  redactor.addBasic("alice", "pa55word");
  assert.is(redactor.redact(`Authorization: Basic ${b64("alice:pa55word")}`), "Authorization: Basic ***");
  assert.is(redactor.redact("password pa55word"), "password ***");
  assert.is(redactor.redact("user alice"), "user alice");
});

test("overlapping and nested secrets are fully masked", () => {
  const redactor = new Redactor();
  redactor.add("abcdef");
  redactor.add("defghi");
  redactor.add("cd");
  assert.is(redactor.redact("xx abcdefghi yy"), "xx *** yy");
  assert.is(redactor.redact("cd"), "***");
});

test("an empty secret is ignored; short secrets are not", () => {
  const redactor = new Redactor();
  redactor.add("");
  assert.is(redactor.redact("nothing to hide"), "nothing to hide");
  redactor.add("xy");
  assert.is(redactor.redact("axyb"), "a***b");
});

test("redactUrl masks sensitive query values, drops userinfo, keeps the rest", () => {
  const redactor = new Redactor();
  redactor.addSensitiveParam("X-Auth");
  const cases: [url: string, redacted: string][] = [
    ["https://api.example.com/v1/items?page=2&api_key=abc", "https://api.example.com/v1/items?page=2&api_key=***"],
    ["https://api.example.com/?API_KEY=abc&Token=t&limit=5", "https://api.example.com/?API_KEY=***&Token=***&limit=5"],
    ["https://api.example.com/?x-auth=zz&q=a%20b", "https://api.example.com/?x-auth=***&q=a%20b"],
    ["https://user:pw@api.example.com/x", "https://api.example.com/x"],
    ["https://api.example.com/cb#access_token=abc&state=1", "https://api.example.com/cb#access_token=***&state=1"],
    ["https://api.example.com/?password=&pwd=p", "https://api.example.com/?password=***&pwd=***"], // empty values too, as dlt does
  ];
  for (const [url, redacted] of cases) {
    assert.is(redactor.redactUrl(url), redacted, url);
    assert.is(redactor.redactUrl(new URL(url)), redacted, `URL ${url}`);
  }
});

test("redactUrl also scrubs registered values anywhere in the URL", () => {
  const redactor = new Redactor();
  redactor.add("tok-123");
  assert.is(redactor.redactUrl("https://api.example.com/users/tok-123/items?q=tok-123"), "https://api.example.com/users/***/items?q=***");
});

test("redact masks URL structure inside free text (e.g. fetch error messages)", () => {
  const redactor = new Redactor();
  const message = "request to http://u:p@127.0.0.1:9/items?api_key=zzz&page=3 failed, reason: connect ECONNREFUSED";
  assert.is(redactor.redact(message), "request to http://***@127.0.0.1:9/items?api_key=***&page=3 failed, reason: connect ECONNREFUSED");
});

test("preview truncates after redacting, never exposing a partial secret", () => {
  const redactor = new Redactor();
  const secret = "Q".repeat(40);
  redactor.add(secret);
  assert.is(redactor.preview("short", 10), "short");
  assert.is(redactor.preview(`${secret} tail`, 10), "*** tail");
  // Many secrets shrink to *** so text from far behind the first window moves into the preview.
  const text = `${secret.repeat(100)}${secret}`;
  assert.is(redactor.preview(text, 10), "***");
  const long = `${"a".repeat(30)}${secret}${"b".repeat(30)}`;
  assert.is(redactor.preview(long, 20), `${"a".repeat(20)}…`);
  assert.is(redactor.preview(long, 40), `${"a".repeat(30)}***${"b".repeat(7)}…`);
  const result = redactor.preview(`${"x".repeat(8)}${secret}`.repeat(50), 30);
  assert.not.match(result, "Q");
});

test("the redactor itself does not reveal what it holds", () => {
  const redactor = new Redactor();
  redactor.add("TOPSECRET-value");
  assert.not.match(JSON.stringify(redactor), "TOPSECRET");
  assert.not.match(inspect(redactor, { showHidden: true, depth: 10 }), "TOPSECRET");
});

test.run();
