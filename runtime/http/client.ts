// The HTTP client: one JSON page per send(), with auth, response actions, timeouts, retries and redacted errors.
import crossFetch from "cross-fetch";
import type { Auth } from "../hooks.ts";
import { HttpError, NetworkError, ResponseBodyError, type GenConnectorError, type RequestContext } from "../errors.ts";
import { findTooDeep } from "../json/depth.ts";
import { parseJson } from "../json/parse.ts";
import { redactError } from "../secrets/redact-error.ts";
import type { Redactor } from "../secrets/redactor.ts";
import type { ResponseActionSpec, RetrySpec } from "../connector.ts";
import { systemClock, type Clock } from "./clock.ts";
import { openGate, type RequestGate } from "./gate.ts";
import { readRateHeaders } from "./rate-headers.ts";
import { readBody } from "./read-body.ts";
import { encodeBody, findHeader, type EncodedBody, type PageRequest, type PageResponse } from "./request.ts";
import { describeAction, matchResponseAction } from "./response-actions.ts";
import { isRetryableStatus, retryDelayMs } from "./retry.ts";

/** Reported before each retry's wait; every string in it is already redacted. */
export interface RetryEvent {
  /** The retry number, 1-based (attempt `attempt + 1` follows the wait). */
  readonly attempt: number;
  readonly waitMs: number;
  readonly reason: string;
  readonly url: string;
}

export interface HttpClientOptions {
  /** Defaults to cross-fetch's fetch. */
  readonly fetch?: typeof fetch;
  /** Used for retry waits and Retry-After dates; defaults to systemClock. */
  readonly clock?: Clock;
  readonly retry: RetrySpec;
  /** Bounds each attempt, headers and body read included (a real timer, not the clock). */
  readonly timeoutSeconds: number;
  /** The largest body accepted, in bytes as decoded; enforced while reading (client.max_response_bytes). */
  readonly maxResponseBytes: number;
  /** The deepest nesting of arrays and objects accepted in a JSON body (client.max_json_depth). */
  readonly maxJsonDepth: number;
  readonly redactor: Redactor;
  /** The resource name, for error messages. */
  readonly resource: string;
  readonly auth: Auth | null;
  /** Evaluated in order on every response before it is classified; the first match decides. Default none. */
  readonly responseActions?: readonly ResponseActionSpec[];
  readonly onRetry?: (event: RetryEvent) => void;
  /** The run's scheduler: each attempt waits for its slot and budget there. Default: none (every attempt at once). */
  readonly gate?: RequestGate;
}

type Outcome =
  | { readonly kind: "ok"; readonly status: number; readonly headers: Headers; readonly body: unknown; readonly ignored?: true }
  | { readonly kind: "fatal"; readonly error: GenConnectorError; readonly unauthorized?: true }
  | {
      readonly kind: "retry";
      readonly unauthorized?: true;
      readonly reason: string;
      /** Thrown when no retry is left. */
      readonly error: GenConnectorError;
      readonly status?: RetryStatus;
    };

/** A retryable status and what it says about when to come back. */
interface RetryStatus {
  readonly code: number;
  readonly text: string;
  readonly retryAfter: string | null;
  /** A spent rate-limit header's reset: the header as sent and the wait (ms); null when none says so. */
  readonly reset: { readonly header: string; readonly ms: number } | null;
}

const HTTP_PREVIEW_CHARS = 500;
const BODY_PREVIEW_CHARS = 200;

/** Sends PageRequests and returns parsed JSON pages, retrying transient failures. */
export class HttpClient {
  readonly #options: HttpClientOptions;
  readonly #fetch: typeof fetch;
  readonly #clock: Clock;
  readonly #gate: RequestGate;
  #requests = 0;
  #retries = 0;
  #ignored = 0;

  /** A client for one resource; see HttpClientOptions. */
  constructor(options: HttpClientOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? crossFetch;
    this.#clock = options.clock ?? systemClock;
    this.#gate = options.gate ?? openGate;
  }

  /** Attempts made so far (first tries and retries). */
  get requests(): number {
    return this.#requests;
  }

  /** Retries made so far (the one retry after refreshing credentials on a 401 is not counted). */
  get retries(): number {
    return this.#retries;
  }

  /** Responses an `ignore` response action matched so far. */
  get ignored(): number {
    return this.#ignored;
  }

  /**
   * Sends `request` (auth applied to each attempt) and returns the parsed JSON page. Redirects are
   * not followed. The response's `url` is `request.url` as given, WITHOUT auth, so paginators that
   * derive the next request from it never copy credentials; auth is applied again on every send.
   * A response matched by an `ignore` action resolves with `ignored: true` and `body: null`. On a
   * 401 no action matched, `auth.onUnauthorized` may refresh credentials: then the request is sent
   * once more, outside the retry budget. Throws HttpError, NetworkError or ResponseBodyError, each
   * with a redacted message (ConfigError, before any attempt, for `json` with `form` or a body on
   * GET); when `signal` aborts (the caller gave up), the attempt and any retry wait stop and
   * `signal.reason` is thrown.
   */
  async send(request: PageRequest, signal?: AbortSignal): Promise<PageResponse> {
    const { retry, redactor, auth } = this.#options;
    const encoded = encodeBody(request);
    const prepared = withDefaults(request, encoded);
    let retries = 0;
    let askedAuth = false;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const sent = auth === null ? prepared : await auth.apply(prepared, signal);
      const context: RequestContext = {
        resource: this.#options.resource,
        method: sent.method,
        url: redactor.redactUrl(sent.url),
        attempts: attempt,
      };
      signal?.throwIfAborted();
      const outcome = await this.#attempt(sent, encoded, context, signal);
      if (outcome.kind === "ok") {
        return pageOf(request.url, outcome, outcome.ignored === true);
      }
      if (outcome.unauthorized === true && !askedAuth && auth?.onUnauthorized !== undefined) {
        askedAuth = true;
        refreshed = await auth.onUnauthorized(signal);
        if (refreshed) continue;
      }
      if (outcome.kind === "fatal" || retries >= retry.maxRetries) throw stillUnauthorized(outcome.error, refreshed && outcome.unauthorized === true);
      retries++;
      const status = outcome.status;
      const random = this.#clock.random?.() ?? Math.random();
      const delay = retryDelayMs(retries, retry, status?.retryAfter ?? null, this.#clock.now(), random, status?.reset?.ms ?? null);
      if ("tooLong" in delay) {
        const { requestedMs, capMs } = delay.tooLong;
        const asked = status?.retryAfter != null || status?.reset == null ? "Retry-After" : status.reset.header;
        const why = `${asked} asks to wait ${requestedMs / 1000} s, above the max_delay cap of ${capMs / 1000} s; not waiting`;
        throw new HttpError(context, outcome.status?.code ?? 0, outcome.status?.text ?? "", why);
      }
      this.#options.onRetry?.({ attempt: retries, waitMs: delay.waitMs, reason: outcome.reason, url: context.url });
      this.#retries++;
      await this.#clock.sleep(delay.waitMs, signal);
    }
  }

  /** One attempt, bounded by the timeout from the start of fetch to the end of the body. */
  async #attempt(sent: PageRequest, encoded: EncodedBody, context: RequestContext, signal: AbortSignal | undefined): Promise<Outcome> {
    const { redactor, timeoutSeconds } = this.#options;
    // Bytes, never a string: fetch would add `Content-Type: text/plain` to a raw string body.
    const body = encoded.bytes === undefined ? {} : { body: encoded.bytes };
    const permit = await this.#gate.acquire(context.resource, this.#options.retry.maxDelay * 1000, signal);
    let answered: Response | null = null;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutSeconds * 1000);
    const cancel = () => controller.abort();
    signal?.addEventListener("abort", cancel, { once: true });
    this.#requests++;
    try {
      const init: RequestInit = { method: sent.method, headers: { ...sent.headers }, redirect: "manual", signal: controller.signal, ...body };
      const response = await this.#fetch(sent.url.href, init);
      answered = response;
      const read = await readBody(response, this.#options.maxResponseBytes);
      if (read.ok) return this.#classify(sent, response, read.bytes, context);
      controller.abort(); // the rest of the body is not wanted: close the connection
      const reason = `${read.problem} (raise client.max_response_bytes in the config and regenerate to accept it)`;
      return { kind: "fatal", error: new ResponseBodyError(context, reason) };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const reason = controller.signal.aborted
        ? `timed out after ${timeoutSeconds} s without a complete response`
        : `network error: ${redactor.redact(describeError(error))}`;
      return { kind: "retry", reason, error: new NetworkError(context, reason, { cause: redactError(error, redactor) }) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", cancel);
      permit.release(answered === null ? null : { status: answered.status, headers: answered.headers });
    }
  }

  /** Turns a complete response into a page, a retry, or an error; a matching response action decides first. */
  #classify(sent: PageRequest, response: Response, bytes: Uint8Array, context: RequestContext): Outcome {
    const { redactor, retry } = this.#options;
    const status = response.status;
    const statusText = redactor.redact(response.statusText);
    const text = new TextDecoder().decode(bytes);
    const acted = this.#act(response, text, context, statusText);
    if (acted !== undefined) return acted;
    if (status >= 300 && status < 400) {
      const target = redirectOrigin(response.headers.get("location"), sent.url);
      const why = `redirect to ${redactor.redact(target)} not followed (credentials stay with the configured origin)`;
      return { kind: "fatal", error: new HttpError(context, status, statusText, why) };
    }
    if (status >= 200 && status < 300) {
      if (status === 204) return { kind: "ok", status, headers: response.headers, body: null };
      const parsed = parseJson(text, bytes.length);
      if (parsed.ok) return this.#parsed(response, parsed.value, context);
      const contentType = redactor.redact(response.headers.get("content-type") ?? "(none)");
      const problem = contentType.toLowerCase().includes("json") || contentType === "(none)" ? parsed.problem : `not JSON: ${parsed.problem}`;
      const preview = redactor.preview(text, BODY_PREVIEW_CHARS);
      const reason = `${problem}; content-type ${contentType}, ${bytes.length} bytes${preview === "" ? "" : `; body starts: ${preview}`}`;
      return { kind: "retry", reason, error: new ResponseBodyError(context, reason) };
    }
    const error = new HttpError(context, status, statusText, redactor.preview(text.trim(), HTTP_PREVIEW_CHARS), isRetryableStatus(status, retry));
    const unauthorized = status === 401 ? { unauthorized: true as const } : {};
    if (!isRetryableStatus(status, retry)) return { kind: "fatal", error, ...unauthorized };
    return { kind: "retry", reason: `HTTP ${status} ${statusText}`.trim(), error, status: this.#retryStatus(response, statusText), ...unauthorized };
  }

  /** A parsed 2xx body as a page, unless it nests deeper than the recursive code after this may go. */
  #parsed(response: Response, body: unknown, context: RequestContext): Outcome {
    const max = this.#options.maxJsonDepth;
    const tooDeep = findTooDeep(body, max);
    if (tooDeep === null) return { kind: "ok", status: response.status, headers: response.headers, body };
    const reason = `arrays or objects nested more than ${max} levels deep (at ${tooDeep}; raise client.max_json_depth in the config and regenerate to accept it)`;
    return { kind: "fatal", error: new ResponseBodyError(context, reason) };
  }

  /** The outcome the first matching response action dictates; undefined when none matches. */
  #act(response: Response, text: string, context: RequestContext, statusText: string): Outcome | undefined {
    const matched = matchResponseAction(this.#options.responseActions ?? [], response.status, text, response.headers);
    if (matched === undefined) return undefined;
    const { redactor } = this.#options;
    const status = response.status;
    if (matched.kind === "ignore") {
      this.#ignored++;
      return { kind: "ok", status, headers: response.headers, body: null, ignored: true };
    }
    const preview = redactor.preview(text.trim(), HTTP_PREVIEW_CHARS);
    const why = `matched ${redactor.redact(describeAction(matched))}${preview === "" ? "" : `; body: ${preview}`}`;
    if (matched.kind === "fail") return { kind: "fatal", error: new HttpError(context, status, statusText, why) };
    const error = new HttpError(context, status, statusText, why, true);
    const reason = `${`HTTP ${status} ${statusText}`.trim()} matched a retry response action`;
    return { kind: "retry", reason, error, status: this.#retryStatus(response, statusText) };
  }

  /** When a retryable response says to come back: Retry-After, or a spent rate-limit header's reset. */
  #retryStatus(response: Response, statusText: string): RetryStatus {
    const limits = readRateHeaders(response.headers, this.#clock.now());
    const spent = limits.remaining === 0 || response.status === 429;
    const reset = spent && limits.resetMs !== null && limits.resetHeader !== null ? { header: limits.resetHeader, ms: limits.resetMs } : null;
    return { code: response.status, text: statusText, retryAfter: response.headers.get("retry-after"), reset };
  }
}

/** `error` noting that credentials were refreshed once, when `refreshed` (a 401 that stood). */
function stillUnauthorized(error: GenConnectorError, refreshed: boolean): GenConnectorError {
  if (!refreshed || !(error instanceof HttpError)) return error;
  const why = `still unauthorized after refreshing credentials once${error.bodyPreview === "" ? "" : `: ${error.bodyPreview}`}`;
  return new HttpError(error.context, error.status, error.statusText, why, error.retryable);
}

/** `request` with Accept, User-Agent and the body's Content-Type (JSON or form) set unless present. */
function withDefaults(request: PageRequest, encoded: EncodedBody): PageRequest {
  const headers: Record<string, string> = { ...request.headers };
  const defaults: [string, string, boolean][] = [
    ["Accept", "application/json", true],
    ["User-Agent", "gen-connector", true],
    ["Content-Type", encoded.contentType ?? "", encoded.contentType !== undefined],
  ];
  for (const [name, value, wanted] of defaults) if (wanted && findHeader(request, name) === undefined) headers[name] = value;
  return { ...request, headers };
}

/** An error's message followed by its causes' (undici says "fetch failed", the cause says why). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (message !== "" && !parts.includes(message)) parts.push(message);
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(": ");
}

/** The origin (never path or query, which may hold credentials) a redirect points to. */
function redirectOrigin(location: string | null, base: URL): string {
  if (location === null) return "(no Location header)";
  try {
    return new URL(location, base).origin;
  } catch {
    return "(an unparsable Location)";
  }
}

/**
 * The page of an ok outcome. Its `headers` are a standard Headers, copied from the response's on first
 * read: the process's first `new Headers()` loads Node's fetch implementation (undici), ~50 ms of a
 * one-page sync's start-up that a paginator reading no header (most) need not pay.
 */
function pageOf(url: URL, outcome: { readonly status: number; readonly headers: Headers; readonly body: unknown }, ignored: boolean): PageResponse {
  let copy: Headers | undefined;
  return {
    url,
    status: outcome.status,
    body: outcome.body,
    ...(ignored ? { ignored: true as const } : {}),
    get headers() {
      copy ??= new Headers(outcome.headers);
      return copy;
    },
  };
}
