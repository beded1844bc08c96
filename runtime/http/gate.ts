// What the HTTP client asks before each attempt: a slot among the run's requests in flight and a
// place in its rate budget (runtime/schedule/ implements it), and what it reports after.

/** A wait the gate imposed, for progress output. */
export interface WaitEvent {
  readonly resource: string;
  /** Why: the configured budget, a server's rate-limit headers, or a lowered concurrency. */
  readonly reason: string;
  readonly waitMs: number;
}

/** An admitted request; `release` is called exactly once, with the response (null: no response). */
export interface Permit {
  release(response: { readonly status: number; readonly headers: Headers } | null): void;
}

export interface RequestGate {
  /**
   * Waits until the request of `resource` may start (a free slot, its budget, any reset a server
   * asked for). Throws RateLimitWaitError when a server's reset is further off than `maxWaitMs`.
   */
  acquire(resource: string, maxWaitMs: number, signal?: AbortSignal): Promise<Permit>;
}

/** A gate that admits every request at once. */
export const openGate: RequestGate = {
  acquire: async () => ({ release: () => undefined }),
};
