// The runtime's loader alone: streams a JSONL file line by line, JSON.parse, TableWriter into the
// destination, commit, close. Prints one JSON line: records, inserted, seconds per phase, and the peak
// RSS (with the V8 heap at that moment) per phase, sampled every 50 ms while the event loop is free.
// With --rerun, a second pass loads the file again with every tenth record changed and reports it as
// `rerun` (a merge strategy's steady state: 90% unchanged, 10% new versions).
// Usage: tsx bench/loader/load.ts <file.jsonl> <destination URL> <append|merge|replace|merge:<strategy>> [--rerun]
import { createReadStream } from "node:fs";
import type { Destination } from "../../runtime/destinations/destination.ts";
import { openDestination } from "../../runtime/destinations/open.ts";
import type { MergeStrategy, WriteDisposition } from "../../runtime/connector.ts";
import { TableWriter } from "../../runtime/sync/table-writer.ts";
import { benchTable, DATASET } from "./records.ts";

/** Records handed to `TableWriter.write` at once (a sync hands over one page at a time). */
const CHUNK_RECORDS = 1000;

const PHASES = ["open", "read", "parse", "normalize", "stage", "commit", "close"] as const;
type Phase = (typeof PHASES)[number];

const MB = 1024 * 1024;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Wall time and peak memory per phase; `enter` switches the phase being charged. */
class PhaseClock {
  readonly #ms = new Map<Phase, number>();
  readonly #peak = new Map<Phase, { rss: number; heap: number }>();
  #phase: Phase = "open";
  #since = performance.now();
  readonly #timer = setInterval(() => this.sample(), 50);

  enter(phase: Phase): void {
    const now = performance.now();
    this.#ms.set(this.#phase, (this.#ms.get(this.#phase) ?? 0) + now - this.#since);
    // Reading RSS costs a syscall (~50 µs): the timer samples in between, switches to the long phases here.
    if (phase === "commit" || phase === "close" || phase === this.#phase) this.sample();
    this.#phase = phase;
    this.#since = now;
  }

  sample(): void {
    const rss = process.memoryUsage.rss();
    const peak = this.#peak.get(this.#phase);
    if (peak === undefined || rss > peak.rss) this.#peak.set(this.#phase, { rss, heap: process.memoryUsage().heapUsed });
  }

  /** Stops sampling and returns seconds and peak RSS / heap (MB) per phase. */
  report() {
    this.enter(this.#phase);
    clearInterval(this.#timer);
    const seconds = Object.fromEntries(PHASES.map((p) => [p, round((this.#ms.get(p) ?? 0) / 1000, 3)]));
    const peakMb = Object.fromEntries(
      PHASES.flatMap((p) => {
        const peak = this.#peak.get(p);
        return peak === undefined ? [] : [[p, { rss: round(peak.rss / MB, 0), heap: round(peak.heap / MB, 0) }]];
      }),
    );
    return { seconds, peakMb };
  }
}

/** Splits a text stream into lines, `size` at a time. */
async function* lineChunks(file: string, size: number): AsyncGenerator<string[]> {
  let tail = "";
  let lines: string[] = [];
  for await (const piece of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const parts = (tail + piece).split("\n");
    tail = parts.pop() ?? "";
    for (const line of parts) {
      if (line === "") continue;
      lines.push(line);
      if (lines.length === size) {
        yield lines;
        lines = [];
      }
    }
  }
  if (tail !== "") lines.push(tail);
  if (lines.length > 0) yield lines;
}

/** Loads `file` into `url`'s table `bench.tickets` and reports where the time and memory went (`rerun`: of a second, changed pass too). */
async function load(file: string, url: string, disposition: WriteDisposition, strategy: MergeStrategy | undefined, rerun: boolean) {
  const destination = await openDestination(url);
  const first = await pass(destination, file, disposition, strategy, false);
  const second = rerun
    ? await pass(destination, file, disposition, strategy, true).catch((error: unknown) => {
        process.stderr.write("failed in the rerun pass\n");
        throw error;
      })
    : undefined;
  await destination.close();
  return second === undefined ? first : { ...first, rerun: second };
}

/** One pass over `file`; `changed`: every tenth record's subject changed. */
async function pass(destination: Destination, file: string, disposition: WriteDisposition, strategy: MergeStrategy | undefined, changed: boolean) {
  const clock = new PhaseClock();
  const table = benchTable(disposition);
  const writer = await TableWriter.open(destination, DATASET, strategy === undefined ? table : { ...table, merge: { strategy } });
  let records = 0;
  clock.enter("read");
  for await (const lines of lineChunks(file, CHUNK_RECORDS)) {
    clock.enter("parse");
    const chunk = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    if (changed) for (const record of chunk) if (Number(record["id"]) % 10 === 0) record["subject"] = `${String(record["subject"])} (changed)`;
    // The synchronous part of write() normalizes; a full batch is staged in the awaited part (the load
    // queues it on the connection). A diagnostic split that relies on that shape, not a contract.
    clock.enter("normalize");
    const written = writer.write(chunk);
    clock.enter("stage");
    await written;
    records += chunk.length;
    clock.enter("read");
  }
  clock.enter("commit");
  const counts = await writer.commit();
  return { records, inserted: counts.inserted, updated: counts.updated, retired: counts.retired ?? 0, ...clock.report() };
}

const STRATEGIES: readonly MergeStrategy[] = ["delete-insert", "upsert", "insert-only", "scd2"];
const [file, url, arg, flag] = process.argv.slice(2);
const [disposition, strategy] = (arg ?? "").split(":") as [string, string | undefined];
if (
  file === undefined ||
  url === undefined ||
  (disposition !== "append" && disposition !== "merge" && disposition !== "replace") ||
  (strategy !== undefined && (disposition !== "merge" || !(STRATEGIES as readonly string[]).includes(strategy))) ||
  (flag !== undefined && flag !== "--rerun")
) {
  process.stderr.write(`usage: tsx bench/loader/load.ts <file.jsonl> <destination URL> <append|merge|replace|merge:<${STRATEGIES.join("|")}>> [--rerun]\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await load(file, url, disposition, strategy as MergeStrategy | undefined, flag === "--rerun"))}\n`);
