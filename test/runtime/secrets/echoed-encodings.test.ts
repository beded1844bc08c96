// Every textual encoding a server may echo a secret in is masked, whole, by the redactor.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Redactor } from "../../../runtime/secrets/redactor.ts";
import { ECHO_ENCODINGS } from "../../helpers/secrets.ts";

const SECRETS = ["sk_live/SENTINEL+9f=a key&ü<'\"😀", "tok_SENTINEL_abc123", "pa:ss/SENTINEL=="];

for (const secret of SECRETS) {
  test(`${JSON.stringify(secret)}: masked in every echoed encoding`, () => {
    const redactor = new Redactor();
    redactor.add(secret);
    for (const [label, encode] of ECHO_ENCODINGS) {
      const echoed = encode(secret);
      const out = redactor.redact(`{"echo":"${echoed}","n":1}`);
      assert.is(out, `{"echo":"***","n":1}`, `${label}: ${echoed}`);
    }
  });
}

test("a Basic header echoed with escaped slashes (PHP json_encode) is masked", () => {
  const redactor = new Redactor();
  redactor.addBasic("user", "pa:ss_SENTINEL??");
  const header = `Basic ${Buffer.from("user:pa:ss_SENTINEL??").toString("base64")}`;
  assert.match(header, "/");
  const echoed = JSON.stringify({ authorization: header }).replaceAll("/", "\\/");
  assert.is(redactor.redact(echoed), '{"authorization":"Basic ***"}');
});

test("the secret inside a longer base64 blob (e.g. the whole request encoded) is masked at any alignment", () => {
  const redactor = new Redactor();
  redactor.add("tok_SENTINEL_abcdef123456");
  for (const prefix of ["Authorization: Bearer ", "Authorization: Bearer  ", "Authorization: Bearer   "]) {
    const blob = Buffer.from(`${prefix}tok_SENTINEL_abcdef123456\r\nAccept: */*`).toString("base64");
    const out = redactor.redact(blob);
    assert.match(out, "***", prefix.length.toString());
    const visible = out
      .split("***")
      .map((part) => Buffer.from(part, "base64").toString("latin1"))
      .join("");
    assert.not.match(visible, "SENTINEL");
  }
});

test("a query string echoed in a JSON url field (\\/ and \\u0026) has its sensitive parameters masked", () => {
  const redactor = new Redactor();
  redactor.add("sk_SENTINEL");
  const echoed = '{"url":"https:\\/\\/api.example.com\\/v1?page=2\\u0026token=unlisted-value\\u0026api_key=sk_SENTINEL\\u0026limit=5"}';
  const out = redactor.redact(echoed);
  assert.not.match(out, "unlisted-value");
  assert.not.match(out, "SENTINEL");
  assert.match(out, "limit=5");
  assert.match(out, "page=2");
});

test("userinfo of a URL echoed with escaped slashes is masked", () => {
  const redactor = new Redactor();
  assert.is(redactor.redact('"https:\\/\\/bob:hunter2@db.example\\/x"'), '"https:\\/\\/***@db.example\\/x"');
});

test("text without escapes, and escapes that are not a secret, pass unchanged", () => {
  const redactor = new Redactor();
  redactor.add("tok_SENTINEL");
  for (const text of ["plain text", "a\\/b \\u0041 %41 &amp; &#47; %zz \\q &nope; \\u{110000}", "%".repeat(50), "\\".repeat(51)]) {
    assert.is(redactor.redact(text), text);
  }
});

test("preview masks an encoded secret cut by the preview's window, never a prefix of it", () => {
  const redactor = new Redactor();
  const secret = "SENTINELsecretvalue0123456789";
  redactor.add(secret);
  const encoded = [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
  for (let pad = 0; pad < 40; pad += 7) {
    const out = redactor.preview(`${"x".repeat(pad)}${encoded}${"y".repeat(2000)}`, 60);
    assert.is(out.slice(0, pad + 3), `${"x".repeat(pad)}***`, String(pad));
  }
});

test.run();
