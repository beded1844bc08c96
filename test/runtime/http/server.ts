// Test helpers: a scripted local HTTP server (what it received is recorded) and a fake clock.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../../runtime/http/clock.ts";

/** One request as the server saw it on the wire. */
export interface Received {
  readonly method: string;
  /** Path and raw query string, exactly as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  /** e.g. `http://127.0.0.1:54321` (no trailing slash). */
  readonly origin: string;
  readonly received: Received[];
  /** Replaces the script: request n gets handler n; the last handler repeats. */
  script(...handlers: Handler[]): void;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with an ephemeral port. */
export async function startServer(): Promise<TestServer> {
  const received: Received[] = [];
  let handlers: Handler[] = [json(200, {})];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const handler = handlers[Math.min(received.length, handlers.length) - 1];
      handler?.(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    script(...next) {
      handlers = next;
      received.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Responds with `status`, content-type and exactly `body`. */
export function text(status: number, contentType: string, body: string, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { "content-type": contentType, "content-length": String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  };
}

/** Responds with `value` as JSON. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): Handler {
  return text(status, "application/json", JSON.stringify(value), headers);
}

/** Accepts the request and never answers. */
export const stall: Handler = () => undefined;

/** Sends 200 headers announcing a longer body, part of the body, then destroys the socket. */
export const resetMidBody: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
  res.write('{"data": [1, 2,', () => res.socket?.destroy());
};

/** A port with nothing listening (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A clock whose sleeps return at once, recording what was asked and advancing `now`. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public nowMs: number = Date.UTC(2024, 0, 1)) {}
  now(): number {
    return this.nowMs;
  }
  /** No jitter: waits are exact. */
  random(): number {
    return 1;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.nowMs += ms;
  }
}
