// Sync progress events, and the stderr reporter (the only runtime code that prints).
import type { RetryEvent } from "../http/client.ts";
import type { WaitEvent } from "../http/gate.ts";
import { asConfig, type Detected } from "../stream/auto-detect.ts";
import { endedText, type ResourceSummary } from "./summary.ts";

export interface SyncObserver {
  resourceStarted?(resource: string): void;
  page?(resource: string, pages: number, records: number): void;
  retry?(resource: string, event: RetryEvent): void;
  /** Once per committed window of a windowed backfill. */
  window?(resource: string, window: WindowProgress): void;
  /** Each wait the request scheduler imposes: why and how long. */
  wait?(event: WaitEvent): void;
  resourceFinished?(summary: ResourceSummary): void;
  /** Once per resource whose paginator or data_selector was detected from its first response. */
  detected?(resource: string, detected: Detected): void;
  /** Once per resource that quarantined records, when it commits: how many and the table (`dataset._quarantine`). */
  quarantined?(resource: string, count: number, table: string): void;
  /** Something the run did not do that the config asked for, and why (e.g. `missing` reconciliation skipped after a partial extract). */
  warning?(resource: string, message: string): void;
}

/** A committed window: its 0-based index among `count`, its bounds and the records it loaded. */
export interface WindowProgress {
  readonly index: number;
  readonly count: number;
  readonly start: unknown;
  readonly end: unknown;
  readonly records: number;
}

interface Writable {
  write(text: string): unknown;
}

/** Progress lines on `out` (stderr): per resource pages, records and records/s, at most every `everyMs`. */
export function progressReporter(out: Writable, now: () => number = () => performance.now(), everyMs = 1_000): SyncObserver {
  let started = 0;
  let lastPrint = 0;
  /** Short waits (under a second: a rate budget's spacing), summed per reason and printed with the progress. */
  const short = new Map<string, { count: number; ms: number }>();
  const shortWaits = () => {
    const text = [...short].map(([why, w]) => `, waited ${(w.ms / 1000).toFixed(1)} s over ${w.count} requests for ${why}`).join("");
    short.clear();
    return text;
  };
  const rate = (records: number) => Math.round(records / Math.max((now() - started) / 1000, 1e-3));
  return {
    resourceStarted(resource) {
      started = now();
      lastPrint = started;
      out.write(`${resource}: started\n`);
    },
    page(resource, pages, records) {
      if (now() - lastPrint < everyMs) return;
      lastPrint = now();
      out.write(`${resource}: ${pages} pages, ${records} records, ${rate(records)} records/s${shortWaits()}\n`);
    },
    window(resource, w) {
      out.write(`${resource}: window ${w.index + 1}/${w.count} committed (${String(w.start)} … ${String(w.end)}), ${w.records} records\n`);
    },
    wait(event) {
      if (event.waitMs >= 1_000 || event.waitMs === 0) {
        const wait = event.waitMs === 0 ? "" : `waiting ${(event.waitMs / 1000).toFixed(1)} s: `;
        out.write(`${event.resource}: ${wait}${event.reason}\n`);
        return;
      }
      const sum = short.get(event.reason) ?? { count: 0, ms: 0 };
      short.set(event.reason, { count: sum.count + 1, ms: sum.ms + event.waitMs });
    },
    retry(resource, event) {
      out.write(`${resource}: retry ${event.attempt} in ${(event.waitMs / 1000).toFixed(1)} s (${event.reason}) ${event.url}\n`);
    },
    detected(resource, d) {
      const level = d.confident ? "detected" : "WARNING: guessed (verify and pin it)";
      out.write(`${resource}: ${level}: ${d.reasons.join("; ")}\n${resource}: pin it in the config: "endpoint": ${JSON.stringify(asConfig(d))}\n`);
    },
    quarantined(resource, count, table) {
      out.write(`${resource}: WARNING: ${count} invalid record${count === 1 ? "" : "s"} quarantined in ${table} (see its reason column)\n`);
    },
    resourceFinished(s) {
      out.write(
        `${s.resource}: done, ${s.pages} pages, ${s.records} records (${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged${s.deleted === undefined && s.retired === undefined ? "" : `, ${endedText(s)}`}), ${rate(s.records)} records/s${shortWaits()}\n`,
      );
    },
  };
}
