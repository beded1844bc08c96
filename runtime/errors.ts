// Typed errors. Each says what failed, where, and what was found; none carries a secret.
// `exitCode` is how the CLI reports it: 2 for bad usage, config or a missing secret, 1 for a failed sync.

export abstract class GenConnectorError extends Error {
  abstract readonly exitCode: 1 | 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem found in a config, with its JSON path. */
export interface ConfigIssue {
  /** e.g. `resources[0].endpoint.paginator.limit` (empty for the root). */
  readonly path: string;
  readonly message: string;
}

/** A bad config or generated connector spec: every problem found, each with its path. */
export class ConfigError extends GenConnectorError {
  readonly exitCode = 2;
  readonly issues: readonly ConfigIssue[];
  constructor(source: string, issues: readonly ConfigIssue[]) {
    const lines = issues.map((i) => `  - ${i.path === "" ? "(root)" : i.path}: ${i.message}`);
    super(`invalid config ${source}: ${issues.length} problem${issues.length === 1 ? "" : "s"}\n${lines.join("\n")}`);
    this.issues = issues;
  }
}

export class UsageError extends GenConnectorError {
  readonly exitCode = 2;
}

/** A secret that is neither in the environment nor in `.env`; raised before any request. */
export class MissingSecretError extends GenConnectorError {
  readonly exitCode = 2;
  constructor(
    readonly secretName: string,
    readonly variable: string,
  ) {
    super(`missing secret "${secretName}": set the environment variable ${variable} or add it to .env`);
  }
}

/** Run parameters neither supplied nor defaulted; raised before any request, naming every one. */
export class MissingParamError extends GenConnectorError {
  readonly exitCode = 2;
  constructor(readonly missing: readonly { readonly name: string; readonly variable: string }[]) {
    const list = missing.map((m) => `"${m.name}" (--param ${m.name}=…, or ${m.variable} in the environment or .env)`).join(", ");
    super(`missing parameter${missing.length === 1 ? "" : "s"} ${list}`);
  }
}

/** A run parameter whose value cannot be used where the connector places it (wrong type, unsafe in a URL). */
export class ParamValueError extends GenConnectorError {
  readonly exitCode = 2;
}

/** Where a request failed: resource, method, redacted URL and attempts so far. */
export interface RequestContext {
  readonly resource: string;
  readonly method: string;
  /** Already redacted. */
  readonly url: string;
  readonly attempts: number;
}

function describe(ctx: RequestContext): string {
  return `${ctx.resource}: ${ctx.method} ${ctx.url}`;
}

/** An HTTP status that failed the request: not retryable, or retryable with its retries exhausted. */
export class HttpError extends GenConnectorError {
  readonly exitCode = 1;
  constructor(
    readonly context: RequestContext,
    readonly status: number,
    readonly statusText: string,
    /** A redacted, truncated preview of the response body (or why it was not retried). */
    readonly bodyPreview: string,
    /** True when the status is one that retries; then the attempts ran out. */
    readonly retryable = false,
  ) {
    const n = context.attempts;
    const attempts = `${n} attempt${n === 1 ? "" : "s"}`;
    const outcome = retryable ? (n > 1 ? `retries exhausted after ${attempts}` : `after ${attempts} (retries disabled)`) : `not retried (${attempts})`;
    super(`${describe(context)} failed with HTTP ${status} ${statusText}, ${outcome}${bodyPreview ? `: ${bodyPreview}` : ""}`);
  }
}

/** The request never produced a response: connection refused/reset, DNS, timeout. */
export class NetworkError extends GenConnectorError {
  readonly exitCode = 1;
  constructor(
    readonly context: RequestContext,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${describe(context)} failed after ${context.attempts} attempt${context.attempts === 1 ? "" : "s"}: ${reason}`, options);
  }
}

/** A 2xx response whose body is not the JSON we need (HTML, empty, truncated). */
export class ResponseBodyError extends GenConnectorError {
  readonly exitCode = 1;
  constructor(
    readonly context: RequestContext,
    reason: string,
  ) {
    super(`${describe(context)} returned an unusable body after ${context.attempts} attempt${context.attempts === 1 ? "" : "s"}: ${reason}`);
  }
}

/** Paging cannot go on correctly: missing total, repeated cursor/link, foreign next link. */
export class PaginationError extends GenConnectorError {
  readonly exitCode = 1;
}

/** The data selector did not find records where the config said they are. */
export class DataSelectorError extends GenConnectorError {
  readonly exitCode = 1;
}

/** A record failed its zod schema or lacks its primary key. */
export class RecordValidationError extends GenConnectorError {
  readonly exitCode = 1;
}

/** The user's own code (a `$hook`) threw; the original error is the cause. */
export class HookError extends GenConnectorError {
  readonly exitCode = 1;
}

/** The destination refused the data or the connection. */
export class DestinationError extends GenConnectorError {
  readonly exitCode = 1;
}

/** A server's rate-limit reset (RateLimit-Reset, X-RateLimit-Reset) further off than the client will wait. */
export class RateLimitWaitError extends GenConnectorError {
  readonly exitCode = 1;
}
