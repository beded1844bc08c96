// Run parameters: resolution (supplied, GC_PARAM_<NAME>, .env, default, typing, missing, unknown) and
// binding in every position (base URL host/port/path, path, query, headers, JSON body, initial_value).
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ClientSpec, EndpointSpec, ParamSpec } from "../../../runtime/connector.ts";
import { MissingParamError, ParamValueError, UsageError } from "../../../runtime/errors.ts";
import { bindEndpoint } from "../../../runtime/interpolate/bind.ts";
import { paramVariable, resolveParams } from "../../../runtime/interpolate/param-values.ts";
import { bindBaseUrl, bindClientParams, bindEndpointParams } from "../../../runtime/interpolate/params.ts";
import { incrementalSpec } from "../../helpers/incremental-spec.ts";

const isValueError = (error: unknown) => error instanceof ParamValueError;
const none = { env: {}, dotenv: {} };
const declared: ParamSpec[] = [
  { name: "subdomain", type: "string" },
  { name: "since", type: "number", default: 0 },
];

test("the variable is GC_PARAM_ and the secrets' mapping", () => {
  assert.is(paramVariable("subdomain"), "GC_PARAM_SUBDOMAIN");
  assert.is(paramVariable("org-id"), "GC_PARAM_ORG_ID");
});

test("supplied wins over the environment, which wins over .env, then the default", () => {
  const source = { env: { GC_PARAM_SUBDOMAIN: "env" }, dotenv: { GC_PARAM_SUBDOMAIN: "file", GC_PARAM_SINCE: "7" } };
  assert.equal(resolveParams(declared, { subdomain: "given" }, source), { subdomain: "given", since: 7 });
  assert.equal(resolveParams(declared, {}, source), { subdomain: "env", since: 7 });
  assert.equal(resolveParams(declared, {}, { env: {}, dotenv: { GC_PARAM_SUBDOMAIN: "file" } }), { subdomain: "file", since: 0 });
});

test("every missing parameter is named at once, with its variable", () => {
  const both: ParamSpec[] = [...declared, { name: "region", type: "string" }];
  try {
    resolveParams(both, {}, none);
    assert.unreachable("resolved without values");
  } catch (error) {
    assert.instance(error, MissingParamError);
    assert.equal(
      (error as MissingParamError).missing.map((m) => m.name),
      ["subdomain", "region"],
    );
    assert.match((error as Error).message, /"subdomain" \(--param subdomain=…, or GC_PARAM_SUBDOMAIN/);
    assert.is((error as MissingParamError).exitCode, 2);
  }
});

test("an undeclared parameter is a usage error naming the declared ones", () => {
  assert.throws(
    () => resolveParams(declared, { subdomian: "x" }, none),
    (e: unknown) => e instanceof UsageError && /"subdomian".*"subdomain", "since"/.test((e as Error).message),
  );
  assert.throws(
    () => resolveParams([], { x: "1" }, none),
    (e: unknown) => e instanceof UsageError && /no parameters/.test((e as Error).message),
  );
});

test("text is parsed to the declared type; a value of another type is refused", () => {
  assert.throws(
    () => resolveParams(declared, { subdomain: "a", since: "soon" }, none),
    (e: unknown) => e instanceof ParamValueError && /expects a number, got "soon"/.test((e as Error).message),
  );
  const flag: ParamSpec[] = [{ name: "archived", type: "boolean" }];
  assert.equal(resolveParams(flag, { archived: "true" }, none), { archived: true });
  assert.throws(() => resolveParams(flag, { archived: "yes" }, none), isValueError);
});

test("a host parameter takes DNS-label text only: another host or a path cannot sneak in", () => {
  const template = "https://{params.subdomain}.example.com/api";
  assert.is(bindBaseUrl(template, { subdomain: "acme" }), "https://acme.example.com/api");
  assert.is(bindBaseUrl(template, { subdomain: "eu.acme" }), "https://eu.acme.example.com/api");
  for (const evil of ["evil.com/x", "evil.com#", "evil.com?", "user@evil.com", "evil.com:80", "evil com", "", "-x", "a\\b"]) {
    assert.throws(() => bindBaseUrl(template, { subdomain: evil }), isValueError, evil);
  }
});

test("a base URL parameter as port, path segment or whole URL", () => {
  assert.is(
    bindBaseUrl("http://{params.host}:{params.port}/t/{params.tenant}", { host: "127.0.0.1", port: 8080, tenant: "a/b c" }),
    "http://127.0.0.1:8080/t/a%2Fb%20c",
  );
  assert.throws(() => bindBaseUrl("http://h:{params.port}", { port: "80/evil" }), isValueError);
  assert.throws(() => bindBaseUrl("http://h/{params.t}", { t: ".." }), isValueError);
  assert.is(bindBaseUrl("{params.api}", { api: "https://staging.example.com" }), "https://staging.example.com");
  assert.throws(() => bindBaseUrl("{params.api}", { api: "file:///etc/passwd" }), isValueError);
  assert.throws(() => bindBaseUrl("{params.scheme}://x.com", { scheme: "https" }), isValueError);
});

test("client headers get their parameters; a line break is refused", () => {
  const client = { baseUrl: "https://{params.sub}.example.com", headers: { "X-Account": "acct-{params.sub}" }, params: [{ name: "sub", type: "string" }] };
  const bound = bindClientParams(client as unknown as ClientSpec, { sub: "acme" });
  assert.is(bound.baseUrl, "https://acme.example.com");
  assert.equal(bound.headers, { "X-Account": "acct-acme" });
  assert.is(bound.params, undefined);
  assert.throws(() => bindClientParams({ ...client, baseUrl: "https://x.com" } as unknown as ClientSpec, { sub: "a\r\nX-Evil: 1" }), isValueError);
});

const endpoint: EndpointSpec = {
  path: "/accounts/{params.account}/items/{resources.parent.id}",
  method: "POST",
  params: { limit: "{params.limit}", q: "account:{params.account}", literal: "{{x}}" },
  headers: { "X-Tenant": "{params.account}" },
  json: { filter: { account: "{params.account}", limit: "{params.limit}" }, note: "for {params.account}" },
  paginator: { type: "single_page" },
  dataSelector: "$",
  auth: null,
  responseActions: [],
  incremental: incrementalSpec({ initialParam: "since" }),
};

test("endpoint parameters reach path (encoded), query (typed), headers, body and initial_value; other placeholders stay", () => {
  const values = { account: "a/b{c}", limit: 50, since: "2024-05-01" };
  const bound = bindEndpointParams(endpoint, values);
  assert.is(bound.incremental?.initialValue, "2024-05-01");
  assert.is(bound.incremental?.initialParam, undefined);
  const sent = bindEndpoint(bound, { resources: { parent: { id: 7 } } }, "items");
  assert.is(sent.path, "/accounts/a%2Fb%7Bc%7D/items/7");
  assert.equal(sent.params, { limit: 50, q: "account:a/b{c}", literal: "{x}" });
  assert.equal(sent.headers, { "X-Tenant": "a/b{c}" });
  assert.equal(sent.json, { filter: { account: "a/b{c}", limit: 50 }, note: "for a/b{c}" });
});

test("binding twice changes nothing; no parameters leaves the endpoint as it is", () => {
  const values = { account: "x{{y}}", limit: 1, since: 3 };
  const once = bindEndpointParams(endpoint, values);
  assert.equal(bindEndpointParams(once, values), once);
  assert.is(bindEndpointParams(endpoint, {}), endpoint);
});

test("a path parameter that would re-target the request is refused", () => {
  for (const account of ["", ".", ".."]) assert.throws(() => bindEndpointParams(endpoint, { account, limit: 1, since: 1 }), isValueError);
});

test.run();
