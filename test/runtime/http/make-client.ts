// Test helper: an HttpClient with the seed retry defaults, a fake clock and a fresh redactor.
import type { Auth } from "../../../runtime/hooks.ts";
import { HttpClient, type HttpClientOptions, type RetryEvent } from "../../../runtime/http/client.ts";
import type { PageRequest } from "../../../runtime/http/request.ts";
import { Redactor } from "../../../runtime/secrets/redactor.ts";
import type { RetrySpec } from "../../../runtime/connector.ts";
import { FakeClock } from "./server.ts";

export const SEED_RETRY: RetrySpec = { maxRetries: 3, backoffFactor: 2, statusCodes: [429, 500, 502, 503, 504], maxDelay: 300 };

export interface Harness {
  readonly client: HttpClient;
  readonly clock: FakeClock;
  readonly redactor: Redactor;
  readonly events: RetryEvent[];
}

/** A client for resource "items"; override any option. */
export function makeClient(overrides: Partial<HttpClientOptions> & { auth?: Auth | null } = {}): Harness {
  const clock = new FakeClock();
  const redactor = overrides.redactor ?? new Redactor();
  const events: RetryEvent[] = [];
  const client = new HttpClient({
    clock,
    retry: SEED_RETRY,
    timeoutSeconds: 5,
    maxResponseBytes: 32 * 1024 * 1024,
    maxJsonDepth: 128,
    redactor,
    resource: "items",
    auth: null,
    onRetry: (event) => events.push(event),
    ...overrides,
  });
  return { client, clock, redactor, events };
}

/** The transports every HTTP behaviour is tested over: cross-fetch (node-fetch v2 on Node) and Node's own fetch. */
export const TRANSPORTS: readonly (readonly [name: string, fetch: typeof fetch | undefined])[] = [
  ["cross-fetch", undefined],
  ["node fetch", globalThis.fetch],
];

/** A GET request for `url`. */
export function get(url: string, headers: Record<string, string> = {}): PageRequest {
  return { method: "GET", url: new URL(url), headers };
}

export { rejection } from "../../helpers/rejection.ts";

/** The messages of `error`'s cause chain, outermost first (excluding `error` itself). */
export function causeMessages(error: Error): string[] {
  const messages: string[] = [];
  for (let e: unknown = error.cause; e instanceof Error; e = e.cause) messages.push(e.message);
  return messages;
}
