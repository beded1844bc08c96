// Parallel pages of one sequence (prefetch.ts): the plan is read as requests go out, so a sequence
// of 100,000 planned pages holds the `depth` sent ahead, not 100,000 requests.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { PageRequest, PageResponse } from "../../../runtime/http/request.ts";
import { Prefetch } from "../../../runtime/stream/prefetch.ts";
import { get } from "../paginators/script.ts";

const page = (offset: number): PageRequest => get(`https://api.test/items?offset=${offset}`);

/** A plan of `length` pages that counts how many of its requests were made. */
function countingPlan(length: number): { plan: Iterable<PageRequest>; made: () => number } {
  let made = 0;
  return {
    plan: {
      *[Symbol.iterator]() {
        for (let i = 0; i < length; i++) {
          made++;
          yield page((i + 2) * 100);
        }
      },
    },
    made: () => made,
  };
}

test("a plan of 100,000 pages is made as it is sent: never more than depth + 1 requests ahead of the sequence", async () => {
  const depth = 4;
  const sent: number[] = [];
  const prefetch = new Prefetch(depth, (_request, number) => {
    sent.push(number);
    return Promise.resolve({ status: 200 } as PageResponse);
  });
  const { plan, made } = countingPlan(100_000);
  prefetch.plan(plan, 3);
  assert.is(made(), depth, "the first `depth` made and sent");
  assert.equal(sent, [3, 4, 5, 6]);
  for (let n = 0; n < 50; n++) {
    const response = prefetch.take(page((n + 2) * 100));
    assert.ok(response !== undefined, `page ${n + 3} was planned`);
    assert.ok(made() <= n + 1 + depth + 1, `after ${n + 1} taken, ${made()} made`);
  }
  assert.equal(
    sent,
    Array.from({ length: 50 + depth }, (_, i) => i + 3),
    "each page sent once, in order",
  );
  prefetch.close();
  assert.is(prefetch.take(page(52 * 100)), undefined, "a closed plan hands out nothing more");
});

test("a request the paginator asks for that is not the plan's next drops the plan and aborts what was sent", () => {
  const aborted: number[] = [];
  const prefetch = new Prefetch(3, (_request, number, signal) => {
    signal.addEventListener("abort", () => aborted.push(number));
    return Promise.resolve({ status: 200 } as PageResponse);
  });
  prefetch.plan(countingPlan(10).plan, 3);
  assert.is(prefetch.take(page(999)), undefined);
  assert.equal(aborted, [3, 4, 5]);
  assert.is(prefetch.take(page(200)), undefined, "the rest of the plan is gone");
});

test("the stream's end aborts the page it took last as well; a plan dropped mid-sequence leaves that one alone", () => {
  for (const [taken, expected] of [
    [true, [3, 4, 5]],
    [false, [4, 5]],
  ] as const) {
    const aborted: number[] = [];
    const prefetch = new Prefetch(3, (_request, number, signal) => {
      signal.addEventListener("abort", () => aborted.push(number));
      return new Promise<PageResponse>(() => undefined); // still in flight
    });
    prefetch.plan(countingPlan(3).plan, 3);
    assert.ok(prefetch.take(page(200)) !== undefined);
    prefetch.close(taken);
    assert.equal(aborted.sort(), [...expected]);
  }
});

test("an array still plans (a $hook paginator's ahead may return one)", () => {
  const sent: string[] = [];
  const prefetch = new Prefetch(2, (request) => {
    sent.push(request.url.searchParams.get("offset") ?? "");
    return Promise.resolve({ status: 200 } as PageResponse);
  });
  prefetch.plan([page(200), page(300), page(400)], 3);
  assert.ok(prefetch.take(page(200)) !== undefined);
  assert.ok(prefetch.take(page(300)) !== undefined);
  assert.ok(prefetch.take(page(400)) !== undefined);
  assert.is(prefetch.take(page(500)), undefined);
  assert.equal(sent, ["200", "300", "400"]);
});

test.run();
