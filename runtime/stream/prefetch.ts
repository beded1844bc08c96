// Parallel pages of one request sequence: the requests a paginator planned from a total are sent
// ahead, at most `depth` at a time (the run's scheduler bounds them further), and handed out in page
// order when the sequence reaches them. The paginator still decides each next request; a planned
// request it does not ask for (the total changed, a stop rule fired) is aborted, never used.
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
  readonly #queue: Ahead[] = [];
  #planned = false;

  constructor(depth: number, send: SendPage) {
    this.#depth = depth;
    this.#send = send;
  }

  /** Whether a plan was taken already (a sequence is planned once, from its first total). */
  get planned(): boolean {
    return this.#planned;
  }

  /** Queues `requests` (pages `firstNumber`…) and starts sending the first of them. */
  plan(requests: readonly PageRequest[], firstNumber: number): void {
    this.#planned = true;
    for (const [i, request] of requests.entries()) this.#queue.push({ request, number: firstNumber + i, abort: new AbortController() });
    this.#fill();
  }

  /** The response for `request` if it was planned as the next one; otherwise every planned request is dropped (undefined). */
  take(request: PageRequest): Promise<PageResponse> | undefined {
    const head = this.#queue[0];
    if (head === undefined) return undefined;
    if (!sameRequest(head.request, request)) {
      this.close();
      return undefined;
    }
    this.#queue.shift();
    const response = head.response ?? this.#start(head);
    this.#fill();
    return response;
  }

  /** Aborts what was sent ahead and forgets the plan's rest. */
  close(): void {
    for (const ahead of this.#queue.splice(0)) ahead.abort.abort(new Error("page not needed"));
  }

  #fill(): void {
    let sent = 0;
    for (const ahead of this.#queue) {
      if (sent >= this.#depth) break;
      if (ahead.response === undefined) this.#start(ahead);
      sent++;
    }
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
