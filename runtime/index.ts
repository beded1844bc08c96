// The runtime's public API: what generated connectors and users import from `gen-connector/runtime`.
export { z } from "zod";

export type {
  AuthSpec,
  ClientSpec,
  ColumnSpec,
  ConnectorSpec,
  DataType,
  EndpointSpec,
  InvalidRecords,
  PaginatorSpec,
  ParentSpec,
  ResponseActionSpec,
  ResponseActionKind,
  ResponseFacts,
  CustomPaginatorSpec,
  IncrementalSpec,
  ParamSpec,
  ParamValue,
  ResourceSpec,
  RetrySpec,
  SecretRef,
  TableSpec,
  WriteDisposition,
  MergeSpec,
  MergeStrategy,
} from "./connector.ts";
export * from "./errors.ts";

export { RestClient, type Page } from "./stream/rest-client.ts";
export type { ClientOptions } from "./stream/options.ts";
export type { Clock } from "./http/clock.ts";
export { withHeader, withParam } from "./http/request.ts";
export type { Auth, PageRequest, PageResponse, Paginator, PlannedRequests } from "./hooks.ts";
export type { RetryEvent } from "./http/client.ts";
export type { SecretSource } from "./secrets/resolve.ts";
export { paramVariable } from "./interpolate/param-values.ts";

export type { CommitOptions, Destination, LoadCounts, LoadRun, RowBatch, TableLoad } from "./destinations/destination.ts";
export { openDestination } from "./destinations/open.ts";

export { runSync, type SyncOptions } from "./sync/run-sync.ts";
export { bindLoader, type BoundLoader } from "./sync/loader.ts";
export { formatSummary, type ResourceSummary, type SyncSummary } from "./sync/summary.ts";
export type { ResourceTotal, SyncObserver } from "./sync/observer.ts";
export { progressReporter } from "./sync/progress/plain.ts";
export { jsonReporter } from "./sync/progress/json.ts";
export { loadReplay, replayRecording, ReplayMismatchError, type Replay } from "./fixtures/replay.ts";
