// Builds the readonly connector model from a validated config: merges resource_defaults, applies
// every default once, and reports semantic problems (with JSON paths) all together.
import { resolveContract } from "../../runtime/schema-contract/contract.ts";
import { ConfigError, type ConfigIssue } from "../../runtime/errors.ts";
import { DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_RETRY, DEFAULT_TIMEOUT_SECONDS } from "../../runtime/http/defaults.ts";
import { normalizeIdentifier } from "../../runtime/normalize/identifier.ts";
import type { ResponseActionKind, ResponseFacts } from "../../runtime/connector.ts";
import type { ClientSpec, ColumnSpec, EndpointSpec, RateLimitSpec, TableSpec } from "../../runtime/connector.ts";
import { mergeResource, type MergedResource } from "../config/merge-defaults.ts";
import { formatPath } from "../config/issues.ts";
import type { ColumnConfig, ConnectorConfig, PaginatorConfig } from "../config/schema.ts";
import { resolveAuth } from "./auth.ts";
import type { ConnectorModel, FieldModel, ResourceModel } from "./model.ts";
import { camelIdentifier, pascalIdentifier, pascalOf, uniqueIdentifiers } from "./naming.ts";
import { HookRef } from "./hook.ts";
import { resolveIncremental } from "./incremental.ts";
import { resolvePaginator } from "./paginator.ts";
import { resolveSteps } from "./steps.ts";
import { resolveDisposition } from "./write-disposition.ts";
import { bindPlaceholders, runOrder } from "./parents.ts";
import { lowerJsonParams, paramSpecs } from "./params.ts";
import { bindToSpec, specContext } from "./openapi.ts";
import type { LoadedSpec } from "../openapi/spec/index.ts";

/** dlt's single-entity rule: the path's last segment holds a `{name}` placeholder (`users/{id}`, `items/{id}.json`). */
const SINGLE_ENTITY = /\{[A-Za-z0-9._-]+\}[^/{}]*$/;

type AutoConfig = Extract<PaginatorConfig, "auto" | { type: "auto" }>;

function isAuto(paginator: PaginatorConfig | null | undefined): paginator is AutoConfig {
  return paginator === "auto" || (typeof paginator === "object" && paginator !== null && paginator.type === "auto");
}

function resolveClient(config: ConnectorConfig): ClientSpec {
  const retry = config.client.retry ?? {};
  const params = paramSpecs(config.params);
  return {
    baseUrl: config.client.base_url,
    headers: config.client.headers ?? {},
    auth: config.client.auth ? resolveAuth(config.client.auth) : null,
    retry: {
      maxRetries: retry.max_retries ?? DEFAULT_RETRY.maxRetries,
      backoffFactor: retry.backoff_factor ?? DEFAULT_RETRY.backoffFactor,
      statusCodes: retry.status_codes ?? DEFAULT_RETRY.statusCodes,
      maxDelay: retry.max_delay ?? DEFAULT_RETRY.maxDelay,
    },
    timeout: config.client.timeout ?? DEFAULT_TIMEOUT_SECONDS,
    maxResponseBytes: config.client.max_response_bytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxJsonDepth: config.client.max_json_depth ?? DEFAULT_MAX_JSON_DEPTH,
    ...(config.client.concurrency === undefined ? {} : { concurrency: config.client.concurrency }),
    ...rateLimit(config.client.rate_limit),
    ...(params.length === 0 ? {} : { params }),
  };
}

/** `rate_limit` as the runtime's RateLimitSpec; nothing when absent (no budget, generated code unchanged). */
function rateLimit(config: { requests: number; per_seconds: number } | undefined): { rateLimit?: RateLimitSpec } {
  return config === undefined ? {} : { rateLimit: { requests: config.requests, perSeconds: config.per_seconds } };
}

function columnEntries(columns: MergedResource["columns"]): [string, ColumnConfig][] {
  if (columns === undefined) return [];
  return Array.isArray(columns) ? columns.map((c) => [c.name, c]) : Object.entries(columns);
}

function resolveFields(resource: MergedResource, primaryKey: readonly string[]): FieldModel[] {
  const fields = columnEntries(resource.columns).map(
    ([key, hints]): FieldModel => ({
      key,
      dataType: hints.data_type ?? null,
      nullable: primaryKey.includes(key) ? false : (hints.nullable ?? true),
      description: hints.description ?? null,
    }),
  );
  const known = new Set(fields.map((f) => f.key));
  const keyFields = primaryKey.filter((k) => !known.has(k)).map((key): FieldModel => ({ key, dataType: null, nullable: false, description: null }));
  return [...fields, ...keyFields];
}

/** Collects semantic problems of one merged resource into `issues`; returns its model parts. */
function resolveResource(config: ConnectorConfig, merged: MergedResource, at: string, issues: ConfigIssue[]): Omit<ResourceModel, "ident"> {
  const resource = merged.endpoint.json === undefined ? merged : { ...merged, endpoint: { ...merged.endpoint, json: lowerJsonParams(merged.endpoint.json) } };
  const ep = resource.endpoint;
  const primaryKey = resource.primary_key === undefined ? [] : [resource.primary_key].flat();
  const bound = bindPlaceholders(resource, at, issues);
  if (resource.include_from_parent !== undefined && bound.parent === null) {
    issues.push({ path: `${at}.include_from_parent`, message: `resource "${resource.name}" has include_from_parent but does not depend on another resource` });
  }
  if (ep.json !== undefined && ep.data !== undefined)
    issues.push({ path: `${at}.endpoint.data`, message: "cannot use both json and data: a request has one body" });
  const disposition = resolveDisposition(resource, columnEntries(resource.columns), primaryKey, at, issues);
  // dlt's precedence: endpoint (or resource_defaults) paginator, then the client's, then detection;
  // "auto" or null at endpoint level leaves the client's in charge. A single-entity path gets the
  // single page and `$` when nothing is configured (unlike dlt, a client paginator is respected).
  const endpointPaginator = ep.paginator;
  const clientPaginator = config.client.paginator;
  const own = isAuto(endpointPaginator) ? undefined : (endpointPaginator ?? undefined);
  const fromClient = isAuto(clientPaginator) ? undefined : clientPaginator;
  const singleEntity = SINGLE_ENTITY.test(ep.path);
  const paginatorConfig = own ?? fromClient ?? (singleEntity ? "single_page" : undefined);
  const bodyPaths = typeof paginatorConfig === "object" ? Object.keys(paginatorConfig).filter((k) => k.endsWith("_body_path")) : [];
  if ((ep.method ?? "GET") === "GET" && (ep.json !== undefined || ep.data !== undefined || bodyPaths.length > 0)) {
    const parts = [...(ep.json !== undefined ? ["json"] : []), ...(ep.data !== undefined ? ["data"] : []), ...bodyPaths];
    issues.push({ path: `${at}.endpoint.method`, message: `a request body (${parts.join(", ")}) needs method "POST"` });
  }
  let paginator: EndpointSpec["paginator"] = { type: "auto" };
  if (paginatorConfig !== undefined) {
    const resolved = resolvePaginator(paginatorConfig);
    if ("error" in resolved) issues.push({ path: `${at}.endpoint.paginator`, message: resolved.error });
    else paginator = resolved;
  }
  const fields = resolveFields(resource, primaryKey);
  const processingSteps = resolveSteps(resource);
  // Hints type the API's records (the zod schema). When a map or yield_map reshapes them, the
  // table's columns come from the records that are loaded instead.
  const reshaped = processingSteps.some((s) => s.kind !== "filter");
  const columns: ColumnSpec[] = reshaped
    ? []
    : fields.flatMap((f) => (f.dataType === null ? [] : [{ name: normalizeIdentifier(f.key), dataType: f.dataType, nullable: f.nullable }]));
  const table: TableSpec = {
    name: normalizeIdentifier(resource.table_name ?? resource.name),
    ...disposition,
    primaryKey: primaryKey.map(normalizeIdentifier),
    columns,
    ...(resource.max_table_nesting === undefined ? {} : { maxTableNesting: resource.max_table_nesting }),
    ...(resource.schema_contract === undefined ? {} : { contract: resolveContract(resource.schema_contract) }),
    // Emitted only when it differs from the default (`fail`), so connectors without it are unchanged.
    ...(resource.invalid_records === "quarantine" ? { invalidRecords: "quarantine" as const } : {}),
  };
  const endpoint: EndpointSpec = {
    path: bound.path,
    method: ep.method ?? "GET",
    params: bound.params,
    ...(ep.json === undefined ? {} : { json: ep.json }),
    ...(ep.data === undefined ? {} : { form: ep.data }),
    headers: ep.headers ?? {},
    paginator,
    dataSelector: ep.data_selector ?? (singleEntity ? "$" : null),
    auth: ep.auth ? resolveAuth(ep.auth) : null,
    responseActions: (ep.response_actions ?? []).map((a) => ({
      statusCode: a.status_code ?? null,
      content: a.content ?? null,
      action: typeof a.action === "string" ? a.action : HookRef.parse(a.action).as<(r: ResponseFacts) => ResponseActionKind | undefined>(),
    })),
    incremental: resolveIncremental(ep.incremental, `${at}.endpoint.incremental`, issues),
    ...rateLimit(ep.rate_limit),
  };
  const parent = bound.parent === null ? null : { resource: bound.parent, includeFromParent: resource.include_from_parent ?? [] };
  return {
    name: resource.name,
    endpoint,
    table,
    primaryKey,
    fields,
    selected: resource.selected ?? true,
    parent,
    processingSteps,
    parallelized: resource.parallelized ?? false,
    openapi: null,
  };
}

/** Drops repeated issues (a cycle is found from each of its members). */
function dedupe(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\n${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function checkUnique(values: readonly string[], at: (i: number) => string, clash: (value: string, first: number) => string, issues: ConfigIssue[]): void {
  const seen = new Map<string, number>();
  values.forEach((value, i) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else issues.push({ path: at(i), message: clash(value, first) });
  });
}

/** Builds the model, or throws a ConfigError listing every semantic problem. `spec`: the loaded spec `config.openapi` names. */
export function buildModel(config: ConnectorConfig, source: string, spec?: LoadedSpec): ConnectorModel {
  const issues: ConfigIssue[] = [];
  const client = resolveClient(config);
  const merged = config.resources.map((entry) => mergeResource(entry, config.resource_defaults));
  const resolved = merged.map((resource, i) => resolveResource(config, resource, `resources[${i}]`, issues));
  if (config.openapi_mode !== undefined && config.openapi === undefined)
    issues.push({ path: "openapi_mode", message: "openapi_mode needs openapi (the spec the records are validated against)" });
  const specCtx = spec === undefined ? undefined : specContext(spec, client.baseUrl);
  const parts = specCtx === undefined ? resolved : resolved.map((p, i) => bindToSpec(p, specCtx, `resources[${i}]`, issues));
  checkUnique(
    parts.map((p) => p.name),
    (i) => `resources[${i}].name`,
    (v, first) => `resource name ${JSON.stringify(v)} is already used by resources[${first}]`,
    issues,
  );
  checkUnique(
    parts.map((p) => p.table.name),
    (i) => `resources[${i}].table_name`,
    (v, first) => `table ${JSON.stringify(v)} is already used by resources[${first}]`,
    issues,
  );
  parts.forEach((p, i) => {
    checkUnique(
      p.fields.map((f) => normalizeIdentifier(f.key)),
      (j) => formatPath(["resources", i, "columns", p.fields[j]?.key ?? ""]),
      (c, first) => `column ${JSON.stringify(p.fields[first]?.key)} and this one both become ${JSON.stringify(c)} after normalization`,
      issues,
    );
  });
  const order = runOrder(
    parts.map((p) => p.name),
    parts.map((p) => p.parent?.resource ?? null),
    issues,
  );
  parts.forEach((p, i) => {
    if (p.parent?.resource === p.name) issues.push({ path: `resources[${i}].endpoint`, message: `resource "${p.name}" cannot be its own parent` });
  });
  if (issues.length > 0) throw new ConfigError(source, dedupe(issues));
  const idents = uniqueIdentifiers(parts.map((p) => p.name));
  const resources = order.map((i): ResourceModel => {
    const camel = idents[i]!;
    return { ...parts[i]!, ident: { camel, pascal: pascalOf(camel) } };
  });
  const openapi = spec === undefined ? null : { spec, mode: config.openapi_mode ?? "lenient" };
  return { name: config.name, ident: { camel: camelIdentifier(config.name), pascal: pascalIdentifier(config.name) }, client, resources, openapi };
}
