// `init`: an OpenAPI spec → an editable config (resources, paginators, selectors, keys, parents,
// auth), each guess with its evidence, plus report lines. Pure: the CLI writes the file.
import { UsageError } from "../../runtime/errors.ts";
import type { LoadedSpec } from "../openapi/spec/load.ts";
import { operations } from "../openapi/spec/operations.ts";
import { guessAuth } from "./auth.ts";
import { analyzeEndpoint, type ListEndpoint, type Undecided } from "./endpoint.ts";
import { includeMatcher } from "./glob.ts";
import { connectorName, resourceNames } from "./names.ts";
import { linkParents } from "./parents.ts";
import { planResources, type Analysed } from "./plan.ts";
import { reportLines } from "./report.ts";
import { resourceObject } from "./resource.ts";
import { isObject, type Json } from "./schema-view.ts";
import { baseUrl } from "./server.ts";
import { validated } from "./validate.ts";

export interface InitOptions {
  /** Connector name (default: info.title in snake_case). */
  readonly name?: string;
  /** Globs on endpoint path or resource name (default: every list endpoint). */
  readonly include?: readonly string[];
  /** The spec's path relative to the written config (its `openapi` key). */
  readonly openapi: string;
  /** Where the config will be written (named in validation errors). */
  readonly out: string;
  /** `$schema` for editors, relative to the written config. */
  readonly schema?: string;
}

export interface InitResult {
  readonly config: Json;
  readonly report: readonly string[];
  readonly warnings: readonly string[];
  /** The spec's GET operations and list endpoints (for reportLines on another config). */
  readonly counts: { readonly gets: number; readonly lists: number };
}

function warnings(label: string, list: readonly string[]): string[] {
  return list.map((w) => `${label}: ${w}`);
}

/** The connector's name: `name` if given (checked), else info.title in snake_case. */
export function initName(spec: LoadedSpec, name?: string): string {
  const info = isObject(spec.document.info) ? spec.document.info : {};
  const chosen = name ?? connectorName(typeof info.title === "string" ? info.title : "");
  if (!/^[a-z][a-z0-9_]*$/.test(chosen))
    throw new UsageError(`--name expects snake_case (a lower-case letter, then letters, digits or _), got ${JSON.stringify(chosen)}`);
  return chosen;
}

/** Builds the config and report for `spec`; throws UsageError when nothing can be generated. */
export function initConfig(spec: LoadedSpec, options: InitOptions): InitResult {
  const name = initName(spec, options.name);
  const gets = operations(spec).filter((op) => op.method === "get");
  const analysed = gets.map((op) => analyzeEndpoint(spec, op));
  const undecided = analysed.filter((e): e is Undecided => e !== undefined && "reason" in e);
  const lists = analysed
    .filter((e): e is ListEndpoint => e !== undefined && !("reason" in e))
    .sort((a, b) => (a.op.path < b.op.path ? -1 : a.op.path > b.op.path ? 1 : 0));
  const names = resourceNames(lists.map((e) => e.op.path));
  const links = linkParents(
    spec,
    lists.map((e, i) => ({ name: names[i]!, path: e.op.path, items: e.list.items, primaryKey: e.primaryKey?.field, needsInput: e.missing.length > 0 })),
  );
  const all: Analysed[] = lists.map((endpoint, i) => ({ name: names[i]!, endpoint, linked: links.get(names[i]!)! }));
  const matches = includeMatcher(options.include ?? []);
  const chosen = new Set(all.filter((a) => matches(a.endpoint.op.path, a.name)).map((a) => a.name));
  if (chosen.size === 0) {
    const what =
      lists.length === 0
        ? `no list endpoints among its ${gets.length} GET operations`
        : `no list endpoint matches --include ${(options.include ?? []).join(" ")}`;
    throw new UsageError(`${spec.source}: ${what}; nothing to write`);
  }
  const { plans, skipped } = planResources(all, chosen);
  const report = [...undecided.filter((u) => matches(u.op.path, "")).map((u) => `${u.op.path}: ${u.reason}`), ...skipped];
  for (const p of plans) report.push(...warnings(`${p.endpoint.op.path} (${p.name})`, p.endpoint.warnings));
  const server = baseUrl(spec.document.servers);
  const auth = guessAuth(
    spec,
    plans.map((p) => p.endpoint.op),
    name,
  );
  if (server.warning !== undefined) report.push(`client.base_url: ${server.warning}`);
  report.push(...warnings("client.auth", auth.warnings));
  const config: Json = {
    ...(options.schema === undefined ? {} : { $schema: options.schema }),
    $comment: `Written by gen-connector init from ${spec.source} (OpenAPI ${spec.version}). Every guess says why in a $comment; edit freely.`,
    name,
    openapi: options.openapi,
    client: {
      $comment: `base_url from ${server.evidence}`,
      base_url: server.url,
      ...(auth.auth === undefined ? {} : { auth: { $comment: auth.evidence, ...auth.auth } }),
    },
    resources: plans.map(resourceObject),
  };
  const checked = validated(config, spec, options.out);
  const allWarnings = [...report, ...checked.warnings];
  const counts = { gets: gets.length, lists: lists.length };
  return { config: checked.config, warnings: allWarnings, counts, report: reportLines(spec, checked.config, counts.gets, counts.lists, allWarnings) };
}
