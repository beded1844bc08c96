// Drives one resource's request sequence: auth, HTTP with retries, pagination, record selection,
// loop and origin guards. Yields raw (unvalidated) pages.
import type { Auth } from "../auth/auth.ts";
import { DataSelectorError, PaginationError } from "../errors.ts";
import { HttpClient } from "../http/client.ts";
import type { PageRequest, PageResponse } from "../http/request.ts";
import type { Scheduler } from "../schedule/scheduler.ts";
import { joinUrl, sameOrigin } from "../http/url.ts";
import { createPaginator, type Paginator } from "../paginators/index.ts";
import { LoopGuard } from "../paginators/loop-guard.ts";
import type { Redactor } from "../secrets/redactor.ts";
import { bindEndpoint, type BindContext } from "../interpolate/bind.ts";
import { alignFirstRequest, detect, type Detected } from "./auto-detect.ts";
import { Prefetch } from "./prefetch.ts";
import { createSelector } from "../select/records.ts";
import type { ClientSpec, CustomPaginatorSpec, EndpointSpec, PaginatorSpec } from "../connector.ts";
import type { ClientOptions } from "./options.ts";

export interface RawPage {
  /** 1-based page number within the sequence. */
  readonly number: number;
  readonly records: readonly unknown[];
  /** The requested URL, redacted. */
  readonly url: string;
}

/** How a sequence ended when it was not stopped by its caller: `cut` says why it ended early without failing (null: it ran to its end). */
export interface SequenceEnd {
  readonly cut: string | null;
}

export interface PageStreamContext {
  readonly resource: string;
  readonly client: ClientSpec;
  readonly endpoint: EndpointSpec;
  readonly auth: Auth | null;
  readonly redactor: Redactor;
  readonly options: ClientOptions;
  /** The run's scheduler. */
  readonly gate: Scheduler;
}

/** The first request of an endpoint: URL from base + path, static params, headers and body. */
export function firstRequest(client: ClientSpec, endpoint: EndpointSpec, baseUrl: string): PageRequest {
  const url = new URL(joinUrl(baseUrl, endpoint.path));
  for (const [name, value] of Object.entries(endpoint.params)) url.searchParams.set(name, String(value));
  const headers = { ...client.headers, ...endpoint.headers };
  return {
    method: endpoint.method,
    url,
    headers,
    ...(endpoint.json === undefined ? {} : { json: endpoint.json }),
    ...(endpoint.form === undefined ? {} : { form: endpoint.form }),
  };
}

/** Fetches pages until the paginator stops; exposes request/retry counters through `http`. */
export class PageStream {
  readonly http: HttpClient;
  readonly #ctx: PageStreamContext;
  /** Decided from the resource's first response when the endpoint leaves paging or selection open. */
  #detected: Detected | undefined;

  constructor(ctx: PageStreamContext) {
    this.#ctx = ctx;
    const { options } = ctx;
    this.http = new HttpClient({
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      retry: ctx.client.retry,
      timeoutSeconds: ctx.client.timeout,
      maxResponseBytes: ctx.client.maxResponseBytes,
      maxJsonDepth: ctx.client.maxJsonDepth,
      redactor: ctx.redactor,
      resource: ctx.resource,
      auth: ctx.auth,
      responseActions: ctx.endpoint.responseActions,
      gate: ctx.gate,
      ...(options.onRetry === undefined ? {} : { onRetry: (event) => options.onRetry?.(ctx.resource, event) }),
    });
  }

  /**
   * The endpoint's first page alone, with no read-ahead: its parsed body and records (none when a
   * response action ignored it) — what a planner sizes the whole sequence by.
   */
  async firstPage(): Promise<{ readonly body: unknown; readonly records: readonly unknown[] }> {
    const { client, redactor, resource, options } = this.#ctx;
    const endpoint = bindEndpoint(this.#ctx.endpoint, {}, resource);
    const start = firstRequest(client, endpoint, options.baseUrl ?? client.baseUrl);
    const request = endpoint.paginator.type === "auto" ? start : paginatorFor(endpoint.paginator).first(start);
    const response = await this.http.send(request);
    if (response.ignored) return { body: null, records: [] };
    const where = () => `${resource}: ${request.method} ${redactor.redactUrl(request.url)} (page 1)`;
    const select =
      endpoint.dataSelector === null
        ? located(where, () => createSelector(detect(endpoint, request, response, createSelector).dataSelector))
        : createSelector(endpoint.dataSelector);
    return { body: response.body, records: located(where, () => select(response.body)) };
  }

  /**
   * Yields every page of the endpoint in order. The next page is requested before the current one
   * is yielded, so the network wait overlaps the caller's work (one page of read-ahead); when the
   * caller stops early, the request in flight is aborted. `bind` fills the endpoint's placeholders
   * (a child resource's parent record); each call is an independent sequence with a fresh paginator.
   * `ended` hears how the sequence ended, unless the caller stopped it first or it failed. With
   * `lastPage` the caller reads no page past that number, so none is requested (preview's --max-pages).
   */
  async *pages(bind: BindContext = {}, ended?: (end: SequenceEnd) => void, lastPage?: number): AsyncGenerator<RawPage> {
    const { client, redactor, resource, options } = this.#ctx;
    const endpoint = bindEndpoint(this.#ctx.endpoint, bind, resource);
    const baseUrl = options.baseUrl ?? client.baseUrl;
    const origin = new URL(joinUrl(baseUrl, endpoint.path));
    let paginator = endpoint.paginator.type === "auto" ? undefined : paginatorFor(endpoint.paginator);
    let select = endpoint.dataSelector === null ? undefined : createSelector(endpoint.dataSelector);
    if (this.#detected !== undefined) {
      paginator = paginatorFor(this.#detected.paginator);
      select = createSelector(this.#detected.dataSelector);
    }
    const guard = new LoopGuard();
    const abort = new AbortController();
    /** `ahead`: a planned page sent early, checked against the loop guard only when the sequence reaches it. */
    const send = (request: PageRequest, number: number, signal: AbortSignal = abort.signal, ahead = false): Promise<PageResponse> => {
      const where = () => `${resource}: ${request.method} ${redactor.redactUrl(request.url)}`; // only on error
      if (number > 1 && !sameOrigin(request.url, origin)) {
        throw new PaginationError(
          `${where()}: next page link leaves ${origin.origin} for ${request.url.origin}; not followed, so credentials are not sent there (page ${number})`,
        );
      }
      if (!ahead) located(where, () => guard.check(request, number));
      const inflight = this.http.send(request, signal);
      inflight.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      return inflight;
    };
    // Pages planned from a total, sent ahead; the stream's end aborts them (prefetch.close below).
    // Not through AbortSignal.any with the stream's signal: every such signal stays registered with
    // the stream's (two WeakRefs a page, ~20,000 at a million records).
    const prefetch = new Prefetch(Math.max(0, this.#ctx.gate.concurrency - 1), (request, number, signal) => send(request, number, signal, true));
    let request: PageRequest = paginator?.first(firstRequest(client, endpoint, baseUrl)) ?? firstRequest(client, endpoint, baseUrl);
    let inflight = send(request, 1);
    try {
      for (let number = 1; ; number++) {
        const current = request;
        const response = await inflight;
        if (response.ignored) {
          // An `ignore` response action ends this sequence quietly; earlier pages stand.
          ended?.({ cut: `an ignore response action ended its request sequence at page ${number} (HTTP ${response.status})` });
          return;
        }
        // Redacted only when shown (an error, a client's page): a sync never reads it, and redacting
        // costs ~70 µs a page.
        let shown: string | undefined;
        const url = () => (shown ??= redactor.redactUrl(current.url));
        const where = () => `${resource}: ${current.method} ${url()} (page ${number})`;
        if (paginator === undefined || select === undefined) {
          const detected = located(where, () => detect(endpoint, current, response, createSelector));
          this.#detected = detected;
          options.onDetected?.(resource, detected);
          paginator = paginatorFor(detected.paginator);
          select = createSelector(detected.dataSelector);
        }
        const page = select;
        const records = located(where, () => page(response.body));
        const pager = paginator;
        const position = this.#detected !== undefined && number === 1 ? alignFirstRequest(current, this.#detected.paginator) : current;
        const next = located(where, () => pager.next(position, response, records));
        const more = next !== undefined && (lastPage === undefined || number < lastPage);
        if (more) {
          request = next;
          const early = prefetch.take(next);
          if (early !== undefined) located(where, () => guard.check(next, number + 1));
          inflight = early ?? send(next, number + 1);
          if (!prefetch.planned && pager.ahead !== undefined) {
            // The first total known: the rest of the sequence (after `next`, up to `lastPage`) goes out concurrently.
            const planned = located(where, () => pager.ahead?.(position, response, records) ?? []);
            // Its first is `next`, sent above; pages past `lastPage` are never sent.
            const count = lastPage === undefined ? planned.length : Math.min(planned.length, lastPage - number);
            prefetch.plan(slice(planned, 1, count), number + 2);
            if (planned.length > 0) options.onTotal?.(resource, number + planned.length);
          }
        }
        yield {
          number,
          records,
          get url() {
            return url();
          },
        };
        if (!more && next !== undefined) return; // at lastPage: the caller stops here
        if (next === undefined) {
          const guessed = this.#detected !== undefined && !this.#detected.confident && this.#detected.paginator.type === "single_page";
          const capped = !guessed && pager.capped?.(position, response, records) === true;
          ended?.({
            cut: guessed
              ? "auto-detection found no paginator but signs of more pages, so only the first page was read"
              : capped
                ? `the paginator's maximum (maximum_offset or maximum_page) ended its request sequence at page ${number}`
                : null,
          });
          return;
        }
      }
    } finally {
      prefetch.close(true);
      abort.abort(new Error("page stream closed"));
    }
  }
}

/** The configured paginator: a built-in one from its spec, or the user's own (`$hook`). */
function paginatorFor(spec: PaginatorSpec | CustomPaginatorSpec): Paginator {
  return spec.type === "custom" ? spec.paginator : createPaginator(spec);
}

/** Re-raises selector and paginator errors with the resource, method, redacted URL and page. */
function located<T>(where: () => string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DataSelectorError) throw new DataSelectorError(`${where()}: ${error.message}`);
    if (error instanceof PaginationError) throw new PaginationError(`${where()}: ${error.message}`);
    throw error;
  }
}

/** Items `from` (inclusive) to `to` (exclusive) of `items`, read lazily. */
function* slice<T>(items: Iterable<T>, from: number, to: number): Generator<T> {
  let i = 0;
  for (const item of items) {
    if (i >= to) return;
    if (i >= from) yield item;
    i++;
  }
}
