// The mock "customer support" API: node:http server serving generated tickets at /v1/resource.
import { COMMENTS_PATH, renderComments } from "./comments.ts";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isAuthorized, unauthorized, type MockAuth } from "./auth.ts";
import { FaultQueue, sendFault, type Fault } from "./faults.ts";
import { renderPage, type PaginationMode } from "./pagination.ts";
import { firstCreatedSince, type RecordMutator, type RecordSource } from "./records.ts";
import { MockRateLimiter, type MockRateLimit } from "./rate-limiter.ts";
import { errorResponse, send, type MockResponse } from "./responses.ts";

export type { MockAuth } from "./auth.ts";
export type { EchoedRequest, Fault, FaultMatch, FaultResponse } from "./faults.ts";
export { rateLimited, serverErrors } from "./faults.ts";
export type { PaginationMode } from "./pagination.ts";
export { everyNthId, makeRecord, type TicketRecord } from "./records.ts";
export { COMMENTS_PER_TICKET, makeComment } from "./comments.ts";

/** The one resource path the API serves. */
export const RESOURCE_PATH = "/v1/resource";

/** Settings that can be changed while the server runs. */
export interface MockApiSettings {
  /** Number of records (default 1000); raising it appends new records. */
  records: number;
  /** Default "offset". */
  pagination: PaginationMode;
  /** Undefined (default): no credential needed. */
  auth: MockAuth | undefined;
  /** Delay before every served page, in ms (default 0). */
  pageDelayMs: number;
  /** Cursor/link modes: the next pointer never ends and repeats (default false). */
  repeatCursor: boolean;
  /** Link modes: hand out this URL as the next link (default undefined). */
  foreignNextLink: string | undefined;
  /** Transform applied to every served record (default undefined). */
  mutate: RecordMutator | undefined;
  /** A request budget: above it, 429s (counted in `rejected()`); RateLimit-* headers on every answer. Default none. */
  rateLimit: MockRateLimit | undefined;
  /** Every request after the first `failAfter` answers 503 (a run failing midway). Default none. */
  failAfter: number | undefined;
}

/** Raises the `version` (and so the subject and status) of the records with these ids. */
export interface ChangedRecords {
  ids: readonly number[];
  version: number;
}

export interface MockApiUpdate extends Partial<MockApiSettings> {
  /** Replaces the fault script (and its counters). */
  faults?: readonly Fault[];
  /** Sets the version of these records; accumulates across calls. */
  changed?: ChangedRecords;
}

export interface MockApiOptions extends MockApiUpdate {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
}

export interface RecordedRequest {
  /** 1-based position among all requests the server received. */
  nth: number;
  /** Date.now() when the request's body had been read. */
  time: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export interface MockApi {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  requests: RecordedRequest[];
  setOptions(update: MockApiUpdate): void;
  /** Fault uses not yet consumed. */
  pendingFaults(): number;
  /** Requests answered 429 by the rate limit (since it was last set). */
  rejected(): number;
  /** Requests received and not yet answered, now and at most so far. */
  inFlight(): { now: number; max: number };
  close(): Promise<void>;
}

const DEFAULTS: MockApiSettings = {
  records: 1000,
  pagination: "offset",
  auth: undefined,
  pageDelayMs: 0,
  repeatCursor: false,
  foreignNextLink: undefined,
  mutate: undefined,
  rateLimit: undefined,
  failAfter: undefined,
};

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The paging parameters: query overlaid with a POST JSON body's scalar fields; undefined if the body is bad. */
function pagingParams(request: RecordedRequest): Record<string, string> | undefined {
  if (request.method !== "POST" || request.body.trim() === "") return request.query;
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const params = { ...request.query };
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") params[name] = String(value);
  }
  return params;
}

function checkSettings(settings: MockApiSettings): void {
  if (!Number.isInteger(settings.records) || settings.records < 0) throw new RangeError("records must be an integer >= 0");
  if (!(settings.pageDelayMs >= 0)) throw new RangeError("pageDelayMs must be >= 0");
}

/** Starts the mock API on an ephemeral loopback port (unless options say otherwise). */
export async function startMockApi(options: MockApiOptions = {}): Promise<MockApi> {
  const settings: MockApiSettings = { ...DEFAULTS };
  const versions = new Map<number, number>();
  let faults = new FaultQueue([]);
  let limiter: MockRateLimiter | undefined;
  const flight = { now: 0, max: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const requests: RecordedRequest[] = [];
  const host = options.host ?? "127.0.0.1";
  let baseUrl = "";

  const setOptions = (update: MockApiUpdate): void => {
    const { faults: script, changed, ...rest } = update;
    const next: MockApiSettings = { ...settings, ...rest };
    checkSettings(next);
    Object.assign(settings, next);
    if (script !== undefined) faults = new FaultQueue(script);
    if (changed !== undefined) for (const id of changed.ids) versions.set(id, changed.version);
    if ("rateLimit" in update) limiter = next.rateLimit === undefined ? undefined : new MockRateLimiter(next.rateLimit);
  };
  const { port = 0, host: _listenHost, ...initial } = options;
  setOptions(initial);

  const route = (request: RecordedRequest, params: Record<string, string> | undefined): MockResponse => {
    const comments = COMMENTS_PATH.exec(request.path);
    if (comments !== null && request.method === "GET") {
      if (!isAuthorized(settings.auth, request)) return unauthorized(settings.auth);
      return renderComments(decodeURIComponent(comments[1]!), settings.records, request.query);
    }
    if (request.path !== RESOURCE_PATH) return errorResponse(404, "not_found");
    if (request.method !== "GET" && request.method !== "POST") return errorResponse(405, "method_not_allowed");
    if (!isAuthorized(settings.auth, request)) return unauthorized(settings.auth);
    if (params === undefined) return errorResponse(400, "bad_request", "body must be a JSON object");
    // `created_since`/`created_until` (ISO date-times) serve only records created in [since, until), paged as usual.
    const first = params.created_since === undefined ? 0 : Math.min(firstCreatedSince(params.created_since), settings.records);
    const end = params.created_until === undefined ? settings.records : Math.min(firstCreatedSince(params.created_until), settings.records);
    if (Number.isNaN(first) || Number.isNaN(end)) return errorResponse(400, "bad_request", "created_since and created_until must be ISO date-times");
    const source: RecordSource = { count: Math.max(0, end - first), first, versions, mutate: settings.mutate };
    return renderPage(settings.pagination, {
      params,
      source,
      resourceUrl: baseUrl + RESOURCE_PATH,
      repeatCursor: settings.repeatCursor,
      foreignNextLink: settings.foreignNextLink,
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const nth = requests.length + 1;
    const url = new URL(req.url ?? "/", baseUrl);
    const headers = flattenHeaders(req.headers);
    const query = Object.fromEntries(url.searchParams);
    const request: RecordedRequest = { nth, time: 0, method: req.method ?? "GET", path: url.pathname, query, headers, body: "" };
    requests.push(request);
    request.body = await readBody(req);
    request.time = Date.now();
    const params = pagingParams(request);
    const fault = faults.take({ nth, path: request.path, params: params ?? query });
    if (settings.failAfter !== undefined && nth > settings.failAfter)
      return send(res, errorResponse(503, "unavailable", `failing after ${settings.failAfter} requests`));
    const admitted = limiter?.admit();
    if (admitted?.rejection) return send(res, admitted.rejection);
    const routed = route(request, params);
    const response = admitted === undefined ? routed : { ...routed, headers: { ...routed.headers, ...admitted.headers } };
    if (fault !== undefined) return sendFault(res, fault, response, { method: request.method, url: req.url ?? "/", headers });
    if (settings.pageDelayMs <= 0 || response.status !== 200) return send(res, response);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, response);
    }, settings.pageDelayMs);
    timers.add(timer);
  };

  const server = createServer({ noDelay: true }, (req, res) => {
    flight.now++;
    flight.max = Math.max(flight.max, flight.now);
    res.once("close", () => flight.now--);
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, errorResponse(500, "internal", String(error)));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url: baseUrl,
    requests,
    setOptions,
    pendingFaults: () => faults.pending(),
    rejected: () => limiter?.rejected ?? 0,
    inFlight: () => ({ ...flight }),
    close,
  };
}
