// A clock whose sleeps return at once and are recorded, so retry tests are instant and exact.
import type { Clock } from "../../runtime/http/clock.ts";

export interface FakeClock extends Clock {
  readonly sleeps: number[];
}

/** Starts at a fixed instant; each sleep advances it by the slept time. */
export function fakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    random: () => 1, // no jitter: waits are exact
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
