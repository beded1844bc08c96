import { test } from "uvu";
import * as assert from "uvu/assert";
import { configIssues } from "../../../generator/config/issues.ts";
import { paginatorGrammar } from "../../../generator/config/schema.ts";
import { resolvePaginator } from "../../../generator/model/paginator.ts";
import { ConfigError } from "../../../runtime/errors.ts";
import { createPaginator, paginatorKinds, paginatorParams } from "../../../runtime/paginators/index.ts";
import { errorOf, items, run } from "./script.ts";
import { skipTakeKind } from "./skip-take-kind.ts";

// Adding a paginator: one module (skip-take-kind.ts) and one registry line (this list).
const kinds = [...paginatorKinds, skipTakeKind];
const grammar = paginatorGrammar(kinds);

function issuesOf(config: unknown): string[] {
  const parsed = grammar.safeParse(config);
  return parsed.success ? [] : configIssues(parsed.error, { paginator: config }, ["paginator"]).map((i) => `${i.path}: ${i.message}`);
}

test("config validation: the kind's grammar joins the union, unknown and bad keys are named", () => {
  assert.equal(issuesOf({ type: "skip_take", take: 50, skip_param: "$skip" }), []);
  assert.equal(issuesOf({ type: "skip_take", take: 0 }), ["paginator.take: expected a positive integer, got 0"]);
  assert.equal(issuesOf({ type: "skip_take", take: 5, limit: 5 }), ["paginator.limit: unknown key"]);
  const [unknown] = issuesOf({ type: "nope" });
  assert.ok(unknown?.includes('"skip_take"'), unknown);
});

test("config validation: a required key means no shorthand; the description names it", () => {
  const [issue] = issuesOf("skip_take");
  assert.ok(issue?.startsWith("paginator: expected one of ") && !issue.includes('"skip_take",'), issue);
  assert.ok(String(grammar.meta()?.description).includes(" | skip_take (object with take) | "));
});

test("without its registry line the kind is unknown everywhere", () => {
  assert.ok(paginatorGrammar(paginatorKinds).safeParse({ type: "skip_take", take: 5 }).success === false);
  assert.equal(resolvePaginator({ type: "skip_take", take: 5 }), { error: 'unknown paginator type "skip_take"' });
  assert.throws(() => createPaginator({ type: "skip_take" }), errorOf(ConfigError, /unknown paginator type "skip_take"/));
});

test("model: dlt-style defaults resolve through the kind, and its stop test refuses a never-ending config", () => {
  assert.equal(resolvePaginator({ type: "skip_take", take: 25 }, kinds), {
    type: "skip_take",
    take: 25,
    skipParam: "skip",
    takeParam: "take",
    stopOnShortPage: true,
  });
  assert.equal(resolvePaginator({ type: "skip_take", take: 25, stop_on_short_page: false }, kinds), {
    error: "skip_take paginator can never stop: leave stop_on_short_page true",
  });
});

test("init and detection: the params it writes come from the kind", () => {
  assert.equal(paginatorParams({ type: "skip_take", take: 10, take_param: "$top" }, kinds), ["skip", "$top"]);
  assert.equal(paginatorParams({ type: "offset", limit: 10 }), ["offset", "limit"]);
  assert.equal(paginatorParams({ type: "offset", limit: 10, offset_body_path: "page.offset" }), ["limit"]);
});

test("runtime: the resolved spec pages until a short page", () => {
  const spec = resolvePaginator({ type: "skip_take", take: 2 }, kinds);
  assert.ok(!("error" in spec));
  const { urls, stopped } = run(createPaginator(spec, kinds), "https://api.test/x", [{ body: items(2) }, { body: items(2) }, { body: items(1) }]);
  assert.equal(urls, ["https://api.test/x?skip=0&take=2", "https://api.test/x?skip=2&take=2", "https://api.test/x?skip=4&take=2"]);
  assert.ok(stopped);
});

test.run();
