// The contract between generated connectors and the runtime: plain, fully resolved data.
// Generated code builds these objects (every default already applied by the generator);
// the runtime only reads them.
import type { z } from "zod";
import type { Auth, Paginator } from "./hooks.ts";
import type { PaginatorSpec, PaginatorType } from "./paginators/index.ts";
import type { SchemaContract } from "./schema-contract/contract.ts";

/** A reference to a secret, resolved at run time from the environment or `.env`. */
export interface SecretRef {
  readonly $secret: string;
}

/** A value that may be given literally or as a secret reference. */
export type SecretOr<T> = T | SecretRef;

/**
 * A runtime parameter the connector declares (`{"$param": name}` or `{params.name}` in its config):
 * supplied per run (`params` option, `--param`, `GC_PARAM_<NAME>`, `.env`); `default` when absent.
 * Params are not secrets: their values may appear in URLs and logs.
 */
export interface ParamSpec {
  readonly name: string;
  readonly type: "string" | "number" | "boolean";
  readonly default?: ParamValue;
  /** What the parameter is (from the config's `params` declarations). */
  readonly description?: string;
}

export type AuthSpec =
  | {
      readonly type: "api_key";
      readonly name: string;
      readonly location: "header" | "query" | "cookie";
      readonly apiKey: SecretRef;
    }
  | { readonly type: "bearer"; readonly token: SecretRef }
  | { readonly type: "http_basic"; readonly username: SecretOr<string>; readonly password: SecretRef }
  | {
      readonly type: "oauth2_client_credentials";
      readonly accessTokenUrl: string;
      readonly clientId: SecretOr<string>;
      readonly clientSecret: SecretRef;
      /** Extra form fields of the token request (may override grant_type). */
      readonly accessTokenRequestData: Readonly<Record<string, string>>;
      /** Seconds a token lives when the token response has no `expires_in`. */
      readonly defaultTokenExpiration: number;
    }
  /** A `$hook`: the user's own Auth implementation. */
  | { readonly type: "custom"; readonly auth: Auth };

/** A built-in paginator's resolved spec: one member per kind in the registry (paginators/index.ts). */
export type { PaginatorSpec, PaginatorType };

/** A `$hook`: the user's own Paginator implementation (pure: position derived from the request). */
export interface CustomPaginatorSpec {
  readonly type: "custom";
  readonly paginator: Paginator;
}

/** No paginator configured anywhere: detect one from the first response. */
export interface AutoPaginatorSpec {
  readonly type: "auto";
}

/** What to do with a response that matches (dlt's response_actions, declarative form). */
export interface ResponseActionSpec {
  /** Matches when equal to the status; null matches any status. */
  readonly statusCode: number | null;
  /** Matches when the body text contains it; null matches any body. */
  readonly content: string | null;
  /** ignore: end this request sequence quietly; retry: treat as transient; fail: stop with an error; a `$hook` decides per response (undefined: no match). */
  readonly action: ResponseActionKind | ((response: ResponseFacts) => ResponseActionKind | undefined);
}

export type ResponseActionKind = "ignore" | "retry" | "fail";

/** What a response-action hook sees. */
export interface ResponseFacts {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/** dlt's endpoint.incremental, every default applied. */
export interface IncrementalSpec {
  /** JSONPath inside each record. */
  readonly cursorPath: string;
  readonly initialValue: string | number | null;
  /** Set: initial_value is the run parameter of this name (`initialValue` holds its default, or null). */
  readonly initialParam?: string;
  /** Set: the run is stateless (state neither read nor written). */
  readonly endValue: string | number | null;
  /** Query param that receives the start value; null when placeholders are used instead. */
  readonly startParam: string | null;
  readonly endParam: string | null;
  readonly lastValueFunc: "max" | "min";
  readonly rangeStart: "closed" | "open";
  readonly rangeEnd: "open" | "closed";
  /** Re-read window: seconds for date-times, days for dates, units for numbers. */
  readonly lag: number | null;
  readonly onCursorValueMissing: "raise" | "include" | "exclude";
  /** The API's order of records by cursor; lets paging stop early once records leave the range. */
  readonly rowOrder: "asc" | "desc" | null;
  /** Built-in conversion of cursor values before they go into requests (state keeps raw values). */
  readonly convert: "iso_to_epoch_seconds" | "epoch_seconds_to_iso" | "iso_to_date" | ((value: string | number) => string | number) | null;
  /** Our addition: the range fetched and committed in windows; absent: one range per run. */
  readonly window?: WindowSpec;
}

/** Windows of an incremental range: seconds for ISO date/date-time cursors, units for numbers. */
export interface WindowSpec {
  readonly step: number;
  /** How far before the stored cursor the first window starts (re-reading late arrivals). */
  readonly lookback: number;
}

export interface RetrySpec {
  readonly maxRetries: number;
  /** Seconds; wait before retry n (1-based) = backoffFactor × 2^(n−1), capped by maxDelay. */
  readonly backoffFactor: number;
  readonly statusCodes: readonly number[];
  /** Seconds; caps both the exponential wait and Retry-After. */
  readonly maxDelay: number;
}

/** A request budget (`rate_limit`): at most `requests` request starts in any `perSeconds`. */
export interface RateLimitSpec {
  readonly requests: number;
  readonly perSeconds: number;
}

export interface ClientSpec {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly auth: AuthSpec | null;
  readonly retry: RetrySpec;
  /** Seconds; bounds every request (connect + headers + body). */
  readonly timeout: number;
  /** The largest response body accepted, in bytes as decoded (after content-encoding), enforced while reading. */
  readonly maxResponseBytes: number;
  /** The deepest nesting of arrays and objects accepted in a response body. */
  readonly maxJsonDepth: number;
  /** Requests of a run in flight at once (--concurrency overrides it); absent: the runtime's DEFAULT_CONCURRENCY. */
  readonly concurrency?: number;
  /** The run's request budget, shared by every endpoint without its own; absent: none (429s and rate-limit headers still slow it). */
  readonly rateLimit?: RateLimitSpec;
  /**
   * The run parameters `{params.<name>}` placeholders in baseUrl, headers and endpoints refer to;
   * absent: none (or already bound).
   */
  readonly params?: readonly ParamSpec[];
}

export type ParamValue = string | number | boolean;

export interface EndpointSpec {
  readonly path: string;
  readonly method: "GET" | "POST";
  readonly params: Readonly<Record<string, ParamValue>>;
  /** JSON request body; undefined means no body. */
  readonly json?: unknown;
  /** Form body (dlt's `data`): a record is URL-encoded, a string is sent as is. */
  readonly form?: Readonly<Record<string, string>> | string;
  readonly headers: Readonly<Record<string, string>>;
  /** `auto`: detected from the first response (and reported), then fixed for the resource. */
  readonly paginator: PaginatorSpec | AutoPaginatorSpec | CustomPaginatorSpec;
  /** JSONPath into the response body (`$` = the whole body); null: detected from the first response. */
  readonly dataSelector: string | null;
  /** Endpoint auth; null inherits the client's. */
  readonly auth: AuthSpec | null;
  /** Evaluated on every response, in order; the first match decides. */
  readonly responseActions: readonly ResponseActionSpec[];
  readonly incremental: IncrementalSpec | null;
  /** This endpoint's own request budget, replacing the client's for its requests; absent: the client's. */
  readonly rateLimit?: RateLimitSpec;
}

/** dlt's column data types. */
export type DataType = "text" | "bigint" | "double" | "bool" | "timestamp" | "date" | "time" | "decimal" | "json";

export interface ColumnSpec {
  /** Destination column name (already normalized). */
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
}

/** dlt's write dispositions: `skip` extracts the resource (its children may need it) but loads nothing. */
export type WriteDisposition = "append" | "replace" | "merge" | "skip";

/** dlt's merge strategies (see MergeSpec). */
export type MergeStrategy = "delete-insert" | "upsert" | "insert-only" | "scd2";

/**
 * How a merge applies a load (absent: delete-insert on the primary key, nothing else). Column names
 * are destination names.
 * - `delete-insert`: stored rows whose primary key is in the load are replaced by the load's version;
 *   with `mergeKey`, every stored row whose merge key values appear in the load is deleted first (a
 *   re-extracted partition replaces the stored one, including rows the API no longer returns).
 * - `upsert`: rows updated in place by primary key (their nested rows replaced), new keys inserted; a
 *   key repeated within a load needs `dedupSort`.
 * - `insert-only`: keys not stored yet are inserted; stored rows are never changed.
 * - `scd2`: history rows (dlt's slowly changing dimension type 2): each distinct version of a record
 *   (its row hash, or `scd2.rowVersionColumn`) is a row with validity columns; see Scd2Spec.
 */
export interface MergeSpec {
  readonly strategy: MergeStrategy;
  /** delete-insert: the columns whose values, as a combination, name a partition the load replaces. */
  readonly mergeKey?: readonly string[];
  /** A column whose truthy value (true for a bool, any non-null value otherwise) deletes the key instead of writing it. */
  readonly hardDelete?: string;
  /** Which version of a key repeated within a load wins: the highest (`desc`) or lowest (`asc`) value of `column`; ties: the last. */
  readonly dedupSort?: { readonly column: string; readonly order: "asc" | "desc" };
  /**
   * Snapshot reconciliation after a complete extract (not incremental, nothing filtered, limited or
   * quarantined): stored rows whose key the load lacks are deleted (with their nested rows), or marked
   * with a `_gc_deleted_at` timestamp (`soft_delete`; cleared when the key comes back). Never after a
   * partial extract.
   */
  readonly missing?: "delete" | "soft_delete";
  /** scd2 only: its columns and timestamps (absent: every default). */
  readonly scd2?: Scd2Spec;
}

/**
 * dlt's scd2 options, column names as destination names. A load inserts each version not active yet
 * (valid from the boundary, valid to the active-record value) and retires active versions the load
 * lacks (valid to the boundary): those of the partitions the load names when `mergeKey` is set, else
 * every absent one after a complete extract, else (a partial extract) those of primary keys the load has.
 */
export interface Scd2Spec {
  /** The validity columns (default `_gc_valid_from`, `_gc_valid_to`). */
  readonly validFrom?: string;
  readonly validTo?: string;
  /** The valid-to value of an active record (an ISO date or timestamp); absent: NULL. */
  readonly activeRecordTimestamp?: string;
  /** The validity boundary of every load (an ISO date or timestamp); absent: the time of the commit. */
  readonly boundaryTimestamp?: string;
  /** A column of the record that identifies its version; absent: `_gc_row_hash`, a hash of the whole record, nested data included. */
  readonly rowVersionColumn?: string;
}

export interface TableSpec {
  /** Destination table name (already normalized). */
  readonly name: string;
  readonly writeDisposition: WriteDisposition;
  /** Merge only: the strategy and its hints; absent: delete-insert on the primary key. */
  readonly merge?: MergeSpec;
  /** Destination column names of the primary key; empty when none. */
  readonly primaryKey: readonly string[];
  /** Columns known at generation time; the loader adds columns found in the data. */
  readonly columns: readonly ColumnSpec[];
  /**
   * dlt's max_table_nesting: how many levels of objects (flattened into `parent__child` columns) and
   * lists (nested tables) are unpacked below a row; deeper values are stored as JSON. Absent: no limit.
   */
  readonly maxTableNesting?: number;
  /**
   * Set on a nested table (made from a list): its parent and root tables. Its rows are linked by
   * `_gc_parent_id`/`_gc_root_id` and follow the root's write disposition. Absent on a root table.
   */
  readonly nested?: { readonly parent: string; readonly root: string };
  /** dlt's schema_contract: what a load does with a new table, a new column or a value of another type. Absent: DEFAULT_CONTRACT. */
  readonly contract?: SchemaContract;
  /**
   * A record that fails its schema, lacks its primary key or does not fit the table: `fail` (absent)
   * stops the resource's load; `quarantine` stores it in the dataset's `_quarantine` table (raw JSON
   * and reason, secrets redacted) in the same transaction, and loads the rest.
   */
  readonly invalidRecords?: InvalidRecords;
}

/** Our addition to dlt's grammar: what a sync does with a bad record. */
export type InvalidRecords = "fail" | "quarantine";

export interface ResourceSpec<R = Record<string, unknown>> {
  /** The resource name as written in the config. */
  readonly name: string;
  readonly endpoint: EndpointSpec;
  readonly table: TableSpec;
  /** Validates one record; unknown fields pass through. */
  readonly schema: z.ZodType<R>;
  /** Record field names of the primary key (as in the API data). */
  readonly primaryKey: readonly string[];
  readonly selected: boolean;
  /** For a child resource: its parent (by config name) and the parent fields copied as `_<parent>_<field>`. */
  readonly parent: ParentSpec | null;
  /** dlt's parallelized: fetched concurrently with other parallelized resources (a child: its parents' sequences in parallel). */
  readonly parallelized?: boolean;
  /** dlt's processing_steps, applied in order to each validated record; absent means none. */
  readonly processingSteps?: readonly ProcessingStep[];
}

type AnyRecord = Record<string, unknown>;

/** A declarative record test: `field` is a dot path into the record. */
export interface FieldCondition {
  readonly field: string;
  readonly op: "eq" | "ne" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "exists" | "not_exists";
  readonly value?: unknown;
}

/** A declarative record rewrite, applied as drop, then rename, then set (top-level keys). */
export interface MapSpec {
  readonly drop?: readonly string[];
  readonly rename?: Readonly<Record<string, string>>;
  readonly set?: Readonly<Record<string, unknown>>;
}

/** One processing step: a `$hook` function from the user's module, or a declarative form. */
export type ProcessingStep =
  | { readonly filter: ((record: AnyRecord) => boolean) | FieldCondition }
  | { readonly map: ((record: AnyRecord) => AnyRecord) | MapSpec }
  | { readonly yield_map: (record: AnyRecord) => Iterable<AnyRecord> };

export interface ParentSpec {
  readonly resource: string;
  readonly includeFromParent: readonly string[];
}

export interface ConnectorSpec {
  readonly name: string;
  readonly client: ClientSpec;
  readonly resources: readonly ResourceSpec[];
}
