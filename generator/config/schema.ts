// The config grammar: dlt's rest_api config as JSON, plus `name`, `client.retry`, `client.timeout`
// and `openapi` (+ `openapi_mode`). One zod schema is both the TypeScript type and the validator.
import { z } from "zod";
import { authKinds, type AuthKind } from "../../runtime/auth/index.ts";
import { identifierLike, jsonPath, nonNegativeInt, notYet, positiveInt } from "../../runtime/grammar.ts";
import { kindObject, requiredKeys } from "../../runtime/kind.ts";
import { paginatorKinds } from "../../runtime/paginators/index.ts";
import { hasShorthand, type PaginatorKind } from "../../runtime/paginators/kind.ts";
import { paramRef, paramsConfig, paramText } from "./params.ts";

const PLANNED_NESTED = "nested tables follow dlt's layout; hints for them are planned";

/** `./module.ts#exportName`: a module relative to the config file and one of its named exports. */
const hookPath = z
  .string()
  .regex(/^\.{1,2}\/[^#\n]+\.(ts|mts|js|mjs)#[A-Za-z_$][\w$]*$/, 'expected "./module.ts#exportName" (a relative path, then # and an exported name)');

/** The same list, typed as zod's unions and enums want it: at least one member. */
function nonEmpty<T>(items: readonly T[]): [T, ...T[]] {
  const [first, ...rest] = items;
  if (first === undefined) throw new Error("a config union needs at least one member");
  return [first, ...rest];
}

/**
 * The paginator grammar built from `kinds` (the runtime's registry): a kind's name alone when none of
 * its keys is required, or its object; plus `auto` and a `custom` `$hook`. The union tries the kinds
 * with keys of their own first; the shorthands and the description list the kinds simplest first.
 */
export function paginatorGrammar(kinds: readonly PaginatorKind[]) {
  const objects = z.discriminatedUnion(
    "type",
    nonEmpty([
      ...kinds.filter((kind) => Object.keys(kind.grammar).length > 0).map(kindObject),
      ...kinds.filter((kind) => Object.keys(kind.grammar).length === 0).map(kindObject),
      /** Parsed so the model can answer "not supported yet" instead of "unknown type". */
      z.looseObject({ type: z.literal("auto") }),
      /** A named export of the user's module implementing the runtime's Paginator interface. */
      z.strictObject({ type: z.literal("custom"), $hook: hookPath }),
    ]),
  );
  const simplestFirst = [...kinds].sort((a, b) => Object.keys(a.grammar).length - Object.keys(b.grammar).length);
  const shorthands = z.enum(nonEmpty([...simplestFirst.filter(hasShorthand).map((kind) => kind.type), "auto"]));
  return z.union([shorthands, objects]).meta({
    description: simplestFirst.map((kind) => (hasShorthand(kind) ? kind.type : `${kind.type} (object with ${requiredKeys(kind).join(", ")})`)).join(" | "),
  });
}

export const paginatorConfig = paginatorGrammar(paginatorKinds);

/**
 * The auth grammar built from `kinds` (the runtime's registry): each kind's object, plus a `custom`
 * `$hook` (a named export of the user's module implementing the runtime's Auth interface).
 */
export function authGrammar(kinds: readonly AuthKind[]) {
  const custom = z.strictObject({ type: z.literal("custom"), $hook: hookPath });
  return z.discriminatedUnion("type", nonEmpty([...kinds.map(kindObject), custom])).meta({
    description: [...kinds.map((kind) => kind.type), "custom ($hook)"].join(" | "),
  });
}

export const authConfig = authGrammar(authKinds);

export const retryConfig = z.strictObject({
  max_retries: nonNegativeInt.max(20).optional(),
  backoff_factor: z.number().nonnegative().max(600).optional(),
  status_codes: z.array(z.int().min(100).max(599)).optional(),
  max_delay: z.number().positive().optional(),
});

/** Header values: text with `{placeholders}`, or a whole `$param`. */
const headersConfig = z.record(z.string(), z.union([z.string(), paramText]));

const responseAction = z.strictObject({
  status_code: z.int({ error: "expected an integer status code (a string never matches)" }).min(100).max(599).optional(),
  content: z.string().min(1).optional(),
  action: z.union([z.enum(["ignore", "retry", "fail"]), z.strictObject({ $hook: hookPath })]),
});
const paramValue = z.union([z.string(), z.number(), z.boolean()]);
/** dlt's legacy form of a parent reference bound to a `{name}` path placeholder. */
const resolveParam = z.strictObject({ type: z.literal("resolve"), resource: z.string().min(1), field: z.string().min(1) });

/** Our addition: a request budget, kept by spacing request starts `per_seconds / requests` apart. */
const rateLimitConfig = z
  .strictObject({
    requests: positiveInt,
    per_seconds: z.number().positive().max(86_400),
  })
  .meta({
    description:
      "Our addition: at most `requests` requests start in any `per_seconds`, whatever the concurrency (starts are spaced evenly). RateLimit-*/X-RateLimit-* headers and 429s slow a run further.",
  });

const cursorValue = z.union([z.string(), z.number()]);
const incrementalConfig = z.strictObject({
  cursor_path: jsonPath,
  initial_value: z.union([cursorValue, paramRef]).optional(),
  end_value: cursorValue.optional(),
  start_param: identifierLike.optional(),
  end_param: identifierLike.optional(),
  last_value_func: z.enum(["max", "min"]).optional(),
  range_start: z.enum(["closed", "open"]).optional(),
  range_end: z.enum(["open", "closed"]).optional(),
  lag: z.number().nonnegative().optional(),
  on_cursor_value_missing: z.enum(["raise", "include", "exclude"]).optional(),
  row_order: z.enum(["asc", "desc"]).optional(),
  convert: z.union([z.enum(["iso_to_epoch_seconds", "epoch_seconds_to_iso", "iso_to_date"]), z.strictObject({ $hook: hookPath })]).optional(),
  window: z
    .strictObject({
      step: z.union([z.string().min(1), z.number().positive()]),
      lookback: z.union([z.string().min(1), z.number().nonnegative()]).optional(),
      end: z.literal("now").optional(),
    })
    .optional()
    .meta({
      description:
        'Our addition: fetch the range in windows of `step` (an ISO-8601 duration such as "P1D" for date cursors, a number for numeric ones), from the stored cursor minus `lookback` (or initial_value) to end_value (or now). Windows are fetched concurrently and committed in order, each with its rows and the cursor at its end, so a stopped backfill resumes at its first uncommitted window. {incremental.window_start}/{incremental.window_end} (and start_param/end_param) send the bounds.',
    }),
  primary_key: notYet("primary_key", "the resource primary_key is the dedup key"),
  allow_external_schedulers: notYet("allow_external_schedulers", "not planned"),
});

const endpointShape = {
  path: z.union([z.string().min(1), paramText]).optional(),
  method: z.enum(["GET", "POST"]).optional(),
  params: z.record(z.string(), z.union([paramValue, resolveParam, paramText])).optional(),
  json: z.json().optional(),
  headers: headersConfig.optional(),
  paginator: paginatorConfig.nullable().optional(),
  data_selector: jsonPath.nullable().optional(),
  auth: authConfig.nullable().optional(),
  data: z.union([z.record(z.string(), z.string()), z.string()]).optional(),
  response_actions: z.array(responseAction).optional(),
  incremental: incrementalConfig.optional(),
  rate_limit: rateLimitConfig.optional(),
};
export const endpointConfig = z.strictObject(endpointShape);

export const dataType = z.enum(["text", "bigint", "double", "bool", "timestamp", "date", "time", "decimal", "json"]);
export const columnConfig = z.strictObject({
  name: z.string().min(1).optional(),
  data_type: dataType.optional(),
  nullable: z.boolean().optional(),
  description: z.string().optional(),
  hard_delete: z.boolean().optional().meta({
    description:
      "dlt's hard_delete hint (merge only): a record whose value in this column is truthy (true for a bool, any non-null value otherwise) deletes its key's stored row instead of being written.",
  }),
  dedup_sort: z.enum(["asc", "desc"]).optional().meta({
    description:
      "dlt's dedup_sort hint (merge only): when a key repeats within one load, the record with the highest (desc) or lowest (asc) value of this column wins; ties go to the last. Default: the last record wins.",
  }),
});
const columnsConfig = z.union([z.record(z.string(), columnConfig), z.array(columnConfig.required({ name: true }))]);

/** `{"$hook": "./module.ts#exportName"}`: a named export of a TypeScript module, relative to the config. */
export const hookRef = z.strictObject({ $hook: hookPath });
const fieldCondition = z.strictObject({
  field: jsonPath,
  op: z.enum(["eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "exists", "not_exists"]),
  value: z.json().optional(),
});
const mapSpec = z.strictObject({
  drop: z.array(z.string().min(1)).optional(),
  rename: z.record(z.string(), z.string().min(1)).optional(),
  set: z.record(z.string(), z.json()).optional(),
});
const processingStep = z.union([
  z.strictObject({ filter: z.union([hookRef, fieldCondition]) }),
  z.strictObject({ map: z.union([hookRef, mapSpec]) }),
  z.strictObject({ yield_map: hookRef }),
]);

const keyConfig = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const mergeDisposition = z.strictObject({
  disposition: z.literal("merge"),
  strategy: z.enum(["delete-insert", "upsert", "insert-only", "scd2"]).optional(),
  validity_column_names: z.tuple([z.string().min(1), z.string().min(1)]).optional(),
  active_record_timestamp: z.string().nullable().optional(),
  boundary_timestamp: z.string().optional(),
  row_version_column_name: z.string().min(1).optional(),
  missing: z.enum(["delete", "soft_delete"]).optional(),
});
const writeDispositionConfig = z
  .union([
    z.enum(["append", "replace", "merge", "skip"]),
    z.discriminatedUnion("disposition", [
      mergeDisposition,
      z.strictObject({ disposition: z.literal("replace"), strategy: z.enum(["truncate-and-insert", "insert-from-staging", "staging-optimized"]).optional() }),
      z.strictObject({ disposition: z.enum(["append", "skip"]) }),
    ]),
  ])
  .meta({
    description:
      'dlt\'s write_disposition: append, replace, merge (needs a primary_key, except scd2), skip (extracted, never loaded), or {"disposition": "merge", "strategy": "delete-insert" | "upsert" | "insert-only" | "scd2", "missing": "delete" | "soft_delete"}. delete-insert (default) replaces each loaded key\'s row; upsert updates rows in place; insert-only inserts keys not stored yet and never updates; scd2 keeps history: each distinct version of a record (its _gc_row_hash over the whole record, or row_version_column_name) is a row valid from one load\'s boundary_timestamp (default: the commit time) to the one that retires it (validity_column_names, default ["_gc_valid_from", "_gc_valid_to"]; an active row\'s valid-to is NULL or active_record_timestamp); a load retires the active versions it lacks: of the partitions it names with merge_key, else all after a complete extract. missing (our addition; not with incremental or scd2): after a complete extract, stored rows whose key the API no longer returns are deleted, or marked with _gc_deleted_at (soft_delete).',
  });

const contractMode = z.enum(["evolve", "freeze", "discard_row", "discard_value"]);
const schemaContract = z
  .union([contractMode, z.strictObject({ tables: contractMode.optional(), columns: contractMode.optional(), data_type: contractMode.optional() })])
  .meta({
    description:
      "dlt's schema_contract: one mode for new tables, new columns and changed data types, or one per entity ({tables, columns, data_type}). evolve adds (a changed type: a variant column <column>__v_<type>), freeze fails the load, discard_row drops the record, discard_value drops the value. Default: tables and columns evolve, data_type freeze.",
  });

const resourceShape = {
  endpoint: z.union([z.string().min(1), endpointConfig]).optional(),
  table_name: z.string().min(1).optional(),
  write_disposition: writeDispositionConfig.optional(),
  primary_key: keyConfig.optional(),
  columns: columnsConfig.optional(),
  selected: z.boolean().optional(),
  merge_key: keyConfig.optional().meta({
    description:
      "dlt's merge_key (merge, strategies delete-insert and scd2): every stored row whose merge key values appear in the load is deleted before the load is written, so a re-extracted partition (a day) replaces the stored one, including rows the API no longer returns; under scd2, only active versions of the partitions (or natural keys) the load names are retired, which makes an incremental scd2 resource possible.",
  }),
  max_table_nesting: nonNegativeInt.optional().meta({
    description:
      "dlt's max_table_nesting: levels of nested objects (flattened into parent__child columns) and lists (nested tables <table>__<field>) unpacked below a row; deeper data is stored as JSON. 0: every object and list is JSON. Default: no limit.",
  }),
  schema_contract: schemaContract.optional(),
  invalid_records: z.enum(["fail", "quarantine"]).optional().meta({
    description:
      "Our addition to dlt: what a sync does with a record that fails its schema, lacks its primary key or does not fit its table. fail (default): the resource's load fails, naming the record. quarantine: the record goes to the dataset's _quarantine table (raw JSON and reason, secrets redacted) with the load, and the rest loads.",
  }),
  include_from_parent: z.array(z.string().min(1)).optional(),
  processing_steps: z.array(processingStep).optional(),
  parallelized: z.boolean().optional(),
  table_format: notYet("table_format", "lakehouse formats are not planned for DuckDB/Postgres"),
  file_format: notYet("file_format", "the loader picks its own bulk format"),
  parent_table_name: notYet("parent_table_name", PLANNED_NESTED),
  nested_hints: notYet("nested_hints", PLANNED_NESTED),
  references: notYet("references", "table references are planned"),
};

export const resourceDefaultsConfig = z.strictObject(resourceShape);
export const resourceConfig = z.strictObject({ name: z.string().min(1), ...resourceShape });

/** A base URL: http(s), with `{params.<name>}` placeholders (a host, port or path part; or the whole URL). */
const baseUrlTemplate = z.string().refine(
  (text) => {
    const filled = text.replace(/\{params\.[A-Za-z_][A-Za-z0-9_]*\}/g, "x");
    if (/^\{params\.[A-Za-z_][A-Za-z0-9_]*\}$/.test(text)) return true;
    if (/[{}]/.test(filled)) return false;
    try {
      return /^https?:$/.test(new URL(filled).protocol);
    } catch {
      return false;
    }
  },
  { message: "expected an http(s) URL, optionally with {params.<name>} placeholders in its host, port or path" },
);

export const clientConfig = z.strictObject({
  base_url: z.union([baseUrlTemplate, paramText]),
  headers: headersConfig.optional(),
  auth: authConfig.optional(),
  paginator: paginatorConfig.optional(),
  retry: retryConfig.optional(),
  timeout: z.number().positive().max(3600).optional(),
  max_response_bytes: positiveInt.optional().meta({
    description:
      "Our addition: the largest response body a request accepts, in bytes, counted as decoded (after gzip/deflate/br) while it is read; a larger body fails the sync as soon as it passes the limit. Default 33554432 (32 MiB).",
  }),
  max_json_depth: positiveInt.max(1000).optional().meta({
    description: "Our addition: how deeply arrays and objects may nest in a response body; a deeper body fails the sync. Default 128.",
  }),
  concurrency: positiveInt.max(64).optional().meta({
    description:
      "Our addition: requests of a sync in flight at once (pages, child sequences, windows, parallelized resources), 1 to 64; --concurrency overrides it. Default 4; lowered on 429s and raised back gradually.",
  }),
  rate_limit: rateLimitConfig.optional(),
});

export const connectorConfig = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, "expected snake_case: a lower-case letter, then letters, digits or _"),
  client: clientConfig,
  resource_defaults: resourceDefaultsConfig.optional(),
  resources: z.array(z.union([z.string().min(1), resourceConfig])).min(1),
  params: paramsConfig.optional(),
  openapi: z.string().min(1).optional().meta({
    description:
      "Path of an OpenAPI 3.0/3.1 spec (JSON or YAML), relative to this config. Each resource is matched to its operation (path and method); record schemas, column types and TypeScript types come from the spec. Config values always win.",
  }),
  openapi_mode: z.enum(["lenient", "strict"]).optional().meta({
    description:
      "How records are validated against the OpenAPI schemas. lenient (default): open objects, optional fields also accept null, open enums, types and date/date-time formats only. strict: every declared constraint (required, nullable, enums, formats, lengths, patterns, bounds, additionalProperties: false).",
  }),
});

export type ConnectorConfig = z.infer<typeof connectorConfig>;
export type ClientConfig = z.infer<typeof clientConfig>;
export type ResourceConfig = z.infer<typeof resourceConfig>;
export type ResourceDefaultsConfig = z.infer<typeof resourceDefaultsConfig>;
export type EndpointConfig = z.infer<typeof endpointConfig>;
export type PaginatorConfig = z.infer<typeof paginatorConfig>;
export type AuthConfig = z.infer<typeof authConfig>;
export type ColumnConfig = z.infer<typeof columnConfig>;
export type DataTypeName = z.infer<typeof dataType>;
