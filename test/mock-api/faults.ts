// Scripted faults: which requests they hit, how many times, and how they are written to the wire.
import { STATUS_CODES, type ServerResponse } from "node:http";
import { JSON_TYPE, send, type MockResponse } from "./responses.ts";

export type FaultResponse =
  /** `body` as given; bytes are sent as they are (a gzip body, say, with `content-encoding` in `headers`). */
  | { status: number; headers?: Record<string, string>; body?: string | Uint8Array }
  /** `status` with the body `echo` writes from the request (as hostile or debug-happy APIs echo credentials). */
  | { status: number; echo: (request: EchoedRequest) => string }
  /** 200 headers with the full content-length, half the body, then the socket is destroyed. */
  | "reset"
  /** The request is accepted and never answered (until the server closes). */
  | "stall"
  /** 200 whose content-length and body are the first half of the real JSON page. */
  | "truncated"
  /** 200 text/html login page. */
  | "html"
  /** 200 application/json with an empty body. */
  | "empty";

/** What an echoing fault sees of the request: the URL as received (path and raw query) and the headers. */
export interface EchoedRequest {
  method: string;
  url: string;
  /** Lower-case names, as node:http decodes them (latin1). */
  headers: Readonly<Record<string, string>>;
}

export interface FaultMatch {
  /** Matches the nth request overall (1-based) and, while `times` lasts, the requests after it. */
  nth?: number;
  /** Exact URL path, e.g. "/v1/resource". */
  path?: string;
  /** Every entry must equal the request's paging parameter (query, or POST body field). */
  query?: Record<string, string>;
}

export interface Fault {
  /** Omitted or empty: matches any request. */
  when?: FaultMatch;
  /** How many requests this fault hits (default 1). */
  times?: number;
  response: FaultResponse;
}

/** The parts of a request a fault can match on. */
export interface FaultTarget {
  nth: number;
  path: string;
  params: Readonly<Record<string, string>>;
}

/** True when `target` satisfies every condition in `when`. */
export function faultMatches(when: FaultMatch | undefined, target: FaultTarget): boolean {
  if (when === undefined) return true;
  if (when.nth !== undefined && target.nth < when.nth) return false;
  if (when.path !== undefined && target.path !== when.path) return false;
  for (const [name, value] of Object.entries(when.query ?? {})) {
    if (target.params[name] !== value) return false;
  }
  return true;
}

/** An ordered list of faults; each request consumes one use of the first matching fault. */
export class FaultQueue {
  private readonly entries: { fault: Fault; left: number }[];

  constructor(faults: readonly Fault[]) {
    this.entries = faults.map((fault) => ({ fault, left: fault.times ?? 1 }));
  }

  /** Consumes and returns the response of the first live fault matching `target`, if any. */
  take(target: FaultTarget): FaultResponse | undefined {
    for (const entry of this.entries) {
      if (entry.left > 0 && faultMatches(entry.fault.when, target)) {
        entry.left--;
        return entry.fault.response;
      }
    }
    return undefined;
  }

  /** How many fault uses are still left. */
  pending(): number {
    return this.entries.reduce((sum, entry) => sum + entry.left, 0);
  }
}

/** A 429 with Retry-After (seconds or an HTTP date), hitting `times` matching requests. */
export function rateLimited(retryAfter: number | string, options: { when?: FaultMatch; times?: number } = {}): Fault {
  const response: FaultResponse = {
    status: 429,
    headers: { "content-type": JSON_TYPE, "retry-after": String(retryAfter) },
    body: JSON.stringify({ error: "rate_limited" }),
  };
  return { ...options, response };
}

/** `times` server errors (500 unless `status` says otherwise) on matching requests. */
export function serverErrors(times: number, options: { when?: FaultMatch; status?: number } = {}): Fault {
  const status = options.status ?? 500;
  const fault: Fault = { times, response: { status } };
  if (options.when !== undefined) fault.when = options.when;
  return fault;
}

const LOGIN_PAGE =
  '<!doctype html><html><head><title>Sign in</title></head><body><form method="post" action="/login">' +
  '<input name="user"><input name="password" type="password"><button>Sign in</button></form></body></html>';

function firstHalf(body: string): Buffer {
  const bytes = Buffer.from(body);
  return bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
}

/** Writes `fault` to `res`; `page` is the response the request would have had, `request` what an echo writes from. */
export function sendFault(res: ServerResponse, fault: FaultResponse, page: MockResponse, request: EchoedRequest): void {
  switch (fault) {
    case "stall":
      return;
    case "reset": {
      res.writeHead(200, { ...page.headers, "content-length": String(Buffer.byteLength(page.body)) });
      res.write(firstHalf(page.body), () => res.socket?.destroy());
      return;
    }
    case "truncated":
      return send(res, { status: 200, headers: page.headers, body: firstHalf(page.body).toString("utf8") });
    case "html":
      return send(res, { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: LOGIN_PAGE });
    case "empty":
      return send(res, { status: 200, headers: { "content-type": JSON_TYPE }, body: "" });
    default: {
      if ("echo" in fault) return send(res, { status: fault.status, headers: { "content-type": JSON_TYPE }, body: fault.echo(request) });
      const headers = { "content-type": JSON_TYPE, ...fault.headers };
      if (fault.body instanceof Uint8Array) {
        res.writeHead(fault.status, { ...headers, "content-length": String(fault.body.byteLength) });
        return void res.end(fault.body);
      }
      const body = fault.body ?? JSON.stringify({ error: STATUS_CODES[fault.status] ?? "fault" });
      return send(res, { status: fault.status, headers, body });
    }
  }
}
