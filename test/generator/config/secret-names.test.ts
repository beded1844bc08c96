// One list of secret-looking names, however spelled, masks values in redacted URLs and in config errors.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { describeValue } from "../../../generator/config/issues.ts";
import { Redactor } from "../../../runtime/secrets/redactor.ts";
import { SECRET_NAMES } from "../../../runtime/vocabulary/secrets.ts";

const VALUE = "v4lue";
const camel = (name: string) => name.replace(/_(.)/g, (_, c: string) => c.toUpperCase());
const kebab = (name: string) => name.toUpperCase().replace(/_/g, "-");

for (const name of ["api_key", "access_token", "client_secret", "client_id", "password", "pwd", "key", "token", "username"]) {
  for (const written of new Set([name, camel(name), kebab(name)])) {
    test(`${written}: masked in a URL and in a config error`, () => {
      assert.ok(SECRET_NAMES.has(written));
      const url = `https://api.test/items?page=2&${written}=${VALUE}`;
      assert.is(new Redactor().redact(url), `https://api.test/items?page=2&${written}=***`);
      assert.is(describeValue(VALUE, ["client", "auth", written]), '"***" (masked)');
    });
  }
}

test("other names are shown", () => {
  assert.is(new Redactor().redact("https://api.test/items?page=2"), "https://api.test/items?page=2");
  assert.is(describeValue(VALUE, ["client", "base_url"]), `"${VALUE}"`);
});

test.run();
