// Progress as plain appended lines (stderr that is not a terminal: CI logs, files): per resource its
// start, pages, records and records/s at most every `everyMs` (with a percentage and ETA when the
// total is known), waits, retries, detections, windows, the commit, and its counts when done.
import { asConfig } from "../../stream/auto-detect.ts";
import type { SyncObserver } from "../observer.ts";
import { endedText, type ResourceSummary } from "../summary.ts";
import { type Meter, progressText, recordsPerSecond, startMeter } from "./meter.ts";

export interface Writable {
  write(text: string): unknown;
}

/** A finished resource's line: its pages, records, what the merge did with them, and records/s. */
export function finishedLine(s: ResourceSummary, recordsPerSecond: number): string {
  const ended = s.deleted === undefined && s.retired === undefined ? "" : `, ${endedText(s)}`;
  return `${s.resource}: done, ${s.pages} pages, ${s.records} records (${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged${ended}), ${recordsPerSecond} records/s`;
}

/** Lines on `out` (stderr): per resource pages, records and records/s, at most every `everyMs`. */
export function progressReporter(out: Writable, now: () => number = () => performance.now(), everyMs = 1_000): SyncObserver {
  const meters = new Map<string, Meter>();
  let lastPrint = Number.NEGATIVE_INFINITY;
  /** Short waits (under a second: a rate budget's spacing), summed per reason and printed with the progress. */
  const short = new Map<string, { count: number; ms: number }>();
  const shortWaits = () => {
    const text = [...short].map(([why, w]) => `, waited ${(w.ms / 1000).toFixed(1)} s over ${w.count} requests for ${why}`).join("");
    short.clear();
    return text;
  };
  const meter = (resource: string) => {
    let m = meters.get(resource);
    if (m === undefined) meters.set(resource, (m = startMeter(now())));
    return m;
  };
  const rate = (resource: string, records: number) => recordsPerSecond(records, now() - meter(resource).started);
  return {
    resourceStarted(resource) {
      meters.set(resource, startMeter(now()));
      lastPrint = now();
      out.write(`${resource}: started\n`);
    },
    total(resource, total) {
      meter(resource).totalPages = total.pages;
    },
    page(resource, pages, records) {
      const m = meter(resource);
      m.pages = pages;
      m.records = records;
      if (now() - lastPrint < everyMs) return;
      lastPrint = now();
      const progress = progressText(m, now());
      out.write(
        `${resource}: ${pages} pages, ${records} records, ${rate(resource, records)} records/s${progress === "" ? "" : `, ${progress}`}${shortWaits()}\n`,
      );
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
    warning(resource, message) {
      out.write(`${resource}: WARNING: ${message}\n`);
    },
    committing(resource, records) {
      out.write(`${resource}: committing ${records} records\n`);
    },
    resourceFinished(s) {
      out.write(`${finishedLine(s, rate(s.resource, s.records))}${shortWaits()}\n`);
      meters.delete(s.resource);
    },
  };
}

/** Only what a person must see even with `--quiet`: a guessed paginator or selector, quarantined records, warnings. */
export function warningsReporter(out: Writable): SyncObserver {
  const all = progressReporter(out);
  return {
    detected: (resource, d) => (d.confident ? undefined : all.detected?.(resource, d)),
    quarantined: (resource, count, table) => all.quarantined?.(resource, count, table),
    warning: (resource, message) => all.warning?.(resource, message),
  };
}
