// What a caller can inject into a client or a sync: I/O, time, secrets, overrides.
import type { RetryEvent } from "../http/client.ts";
import type { Clock } from "../http/clock.ts";
import type { WaitEvent } from "../http/gate.ts";
import type { ParamValue } from "../connector.ts";
import type { SecretSource } from "../secrets/resolve.ts";
import type { Detected } from "./auto-detect.ts";

export interface ClientOptions {
  /** Replaces `client.base_url` (tests, staging); next-page links are checked against its origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
  /** Defaults to process.env and `./.env`; also where GC_PARAM_<NAME> parameters are read from. */
  readonly secrets?: SecretSource;
  /** Run parameter values by name (the connector's `$param`s); absent ones come from GC_PARAM_<NAME>, `.env` or their default. */
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly onRetry?: (resource: string, event: RetryEvent) => void;
  /**
   * Requests in flight at once across the whole run (pages, child sequences, windows, resources);
   * overrides client.concurrency; default DEFAULT_CONCURRENCY. Writes stay serialized per destination.
   */
  readonly concurrency?: number;
  /** Called for each wait the scheduler imposes (rate budget, a server's reset, lowered concurrency). */
  readonly onWait?: (event: WaitEvent) => void;
  /** Called once per resource when its paginator or data_selector was detected from the first response. */
  readonly onDetected?: (resource: string, detected: Detected) => void;
  /** Called once per request sequence whose paginator learned from its first response how many pages it has (a total). */
  readonly onTotal?: (resource: string, pages: number) => void;
}
