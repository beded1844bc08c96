// Parallel pages of one request sequence: the requests a paginator planned from a total are sent
// ahead, at most `depth` at a time (the run's scheduler bounds them further), and handed out in page
// order when the sequence reaches them. The paginator still decides each next request; a planned
// request it does not ask for (the total changed, a stop rule fired) is aborted, never used. The plan
// is read as requests go out: only the `depth` sent ahead (and the one taken next) exist at a time,
// however long the sequence.
import type { PageRequest, PageResponse } from "../http/request.ts";

/** Sends page `number` of the sequence, aborted by `signal`. */
export type SendPage = (request: PageRequest, number: number, signal: AbortSignal) => Promise<PageResponse>;

interface Ahead {
  readonly request: PageRequest;
  readonly number: number;
  response?: Promise<PageResponse>;
  readonly abort: AbortController;
}

export class Prefetch {
  readonly #depth: number;
  readonly #send: SendPage;
  /** Planned requests made and not yet taken: those sent ahead, then at most one waiting. */
  readonly #queue: Ahead[] = [];
  /** The rest of the plan, not made yet. */
  #rest: Iterator<PageRequest> | null = null;
  #next = 0;
  /** The last one taken: the sequence may still be waiting for it when it closes. */
  #taken: Ahead | null = null;
  #planned = false;

  constructor(depth: number, send: SendPage) {
    this.#depth = depth;
    this.#send = send;
  }

  /** Whether a plan was taken already (a sequence is planned once, from its first total). */
  get planned(): boolean {
    return this.#planned;
  }

  /** Plans `requests` (pages `firstNumber`…, read as they are sent) and starts sending the first of them. */
  plan(requests: Iterable<PageRequest>, firstNumber: number): void {
    this.#planned = true;
    this.#rest = requests[Symbol.iterator]();
    this.#next = firstNumber;
    this.#fill();
  }

  /** The response for `request` if it was planned as the next one; otherwise every planned request is dropped (undefined). */
  take(request: PageRequest): Promise<PageResponse> | undefined {
    const head = this.#queue[0] ?? this.#pull();
    if (head === undefined) return undefined;
    if (!sameRequest(head.request, request)) {
      this.close();
      return undefined;
    }
    this.#queue.shift();
    this.#taken = head;
    const response = head.response ?? this.#start(head);
    this.#fill();
    return response;
  }

  /**
   * Aborts what was sent ahead and forgets the plan's rest; with `taken`, also the request handed out
   * last (the sequence ends: nothing waits for it any more).
   */
  close(taken = false): void {
    this.#rest = null;
    if (taken) this.#taken?.abort.abort(new Error("page stream closed"));
    this.#taken = null;
    for (const ahead of this.#queue.splice(0)) ahead.abort.abort(new Error("page not needed"));
  }

  /** Sends the first `depth` planned requests not sent yet, making them from the plan as needed. */
  #fill(): void {
    for (let i = 0; i < this.#depth; i++) {
      const ahead = this.#queue[i] ?? this.#pull();
      if (ahead === undefined) return;
      if (ahead.response === undefined) this.#start(ahead);
    }
  }

  /** Makes the plan's next request and queues it; undefined when the plan is done. */
  #pull(): Ahead | undefined {
    const step = this.#rest?.next();
    if (step === undefined || step.done === true) {
      this.#rest = null;
      return undefined;
    }
    const ahead: Ahead = { request: step.value, number: this.#next++, abort: new AbortController() };
    this.#queue.push(ahead);
    return ahead;
  }

  #start(ahead: Ahead): Promise<PageResponse> {
    const response = this.#send(ahead.request, ahead.number, ahead.abort.signal);
    response.catch(() => undefined); // awaited when taken; an unused one is aborted
    ahead.response = response;
    return response;
  }
}

/** Same method, URL and body. */
function sameRequest(a: PageRequest, b: PageRequest): boolean {
  return (
    a.method === b.method && a.url.href === b.url.href && JSON.stringify(a.json) === JSON.stringify(b.json) && JSON.stringify(a.form) === JSON.stringify(b.form)
  );
}
