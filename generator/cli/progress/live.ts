// Progress on a terminal: a live region (log-update) with one line per running resource — pages,
// records, records/s, elapsed, and a bar with percentage and ETA once the paginator knows the total —
// and a line while it commits; what must stay in the scrollback (retries, waits, detections, windows,
// warnings, each resource's final counts) is printed above the region as plain lines.
import { createLogUpdate } from "log-update";
import type { SyncObserver } from "../../../runtime/sync/observer.ts";
import { duration, type Meter, percent, etaMs, recordsPerSecond, startMeter } from "../../../runtime/sync/progress/meter.ts";
import { finishedLine, progressReporter } from "../../../runtime/sync/progress/plain.ts";

/** A terminal stream as log-update uses it: written to, with its size when known. */
export interface TerminalStream extends NodeJS.WritableStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
}

/** The live observer; `tick` redraws (elapsed times move without events), `close` removes the region. */
export interface LiveReporter extends SyncObserver {
  tick(): void;
  close(): void;
}

export interface LiveOptions {
  /** Hide the cursor while the region is drawn (the CLI; not tests, whose stream is not process.stderr). */
  readonly hideCursor?: boolean;
  /** Redraws on page events at most this often. */
  readonly everyMs?: number;
}

const BAR = 12;
const group = (n: number) => n.toLocaleString("en-US");

/** A 12-cell bar: `[#####-------]`. */
function bar(share: number): string {
  const full = Math.floor((share * BAR) / 100);
  return `[${"#".repeat(full)}${"-".repeat(BAR - full)}]`;
}

/** One running resource's line. */
export function liveLine(resource: string, m: Meter, now: number): string {
  const elapsed = duration(now - m.started);
  if (m.committing !== null) return `${resource}  committing ${group(m.committing)} records…  ${elapsed}`;
  if (m.pages === 0) return `${resource}  waiting for the first page  ${elapsed}`;
  const counts = `${group(m.pages)} page${m.pages === 1 ? "" : "s"}  ${group(m.records)} records  ${group(recordsPerSecond(m.records, now - m.started))} records/s  ${elapsed}`;
  const share = percent(m);
  const eta = etaMs(m, now);
  return share === null || eta === null ? `${resource}  ${counts}` : `${resource}  ${bar(share)} ${share}%  ${counts}  ETA ${duration(eta)}`;
}

/** The live region on `stream` (stderr on a terminal). */
export function liveReporter(stream: TerminalStream, now: () => number = () => performance.now(), options: LiveOptions = {}): LiveReporter {
  const log = createLogUpdate(stream, { showCursor: options.hideCursor !== true });
  const everyMs = options.everyMs ?? 100;
  const meters = new Map<string, Meter>();
  let lastDraw = Number.NEGATIVE_INFINITY;
  const draw = () => {
    lastDraw = now();
    if (meters.size === 0) log.clear();
    else log([...meters].map(([resource, m]) => liveLine(resource, m, lastDraw)).join("\n"));
  };
  /** Lines that stay: printed above the region, which is drawn again below them. */
  const persist = (text: string) => {
    log.persist(text.replace(/\n$/, ""));
    draw();
  };
  // Everything but the running lines is worded as in plain mode (its page lines never print: everyMs ∞).
  const plain = progressReporter({ write: persist }, now, Number.POSITIVE_INFINITY);
  const meter = (resource: string) => {
    let m = meters.get(resource);
    if (m === undefined) meters.set(resource, (m = startMeter(now())));
    return m;
  };
  return {
    resourceStarted(resource) {
      meters.set(resource, startMeter(now()));
      draw();
    },
    total(resource, total) {
      meter(resource).totalPages = total.pages;
    },
    page(resource, pages, records) {
      const m = meter(resource);
      m.pages = pages;
      m.records = records;
      if (now() - lastDraw >= everyMs) draw();
    },
    committing(resource, records) {
      meter(resource).committing = records;
      draw();
    },
    resourceFinished(s) {
      const m = meter(s.resource);
      meters.delete(s.resource);
      persist(finishedLine(s, recordsPerSecond(s.records, now() - m.started)));
    },
    window: (resource, w) => plain.window?.(resource, w),
    wait: (event) => (event.waitMs >= 1_000 || event.waitMs === 0 ? plain.wait?.(event) : undefined),
    retry: (resource, event) => plain.retry?.(resource, event),
    detected: (resource, d) => plain.detected?.(resource, d),
    quarantined: (resource, count, table) => plain.quarantined?.(resource, count, table),
    warning: (resource, message) => plain.warning?.(resource, message),
    tick: draw,
    close() {
      meters.clear();
      log.clear();
      log.done();
    },
  };
}
