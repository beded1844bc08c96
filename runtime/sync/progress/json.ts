// Progress for machines (`--log-format json`): one JSON object per event per line, every one with the
// event's name, the resource and `ms` since the reporter was made; nothing throttled, nothing dropped.
import { asConfig } from "../../stream/auto-detect.ts";
import { stringifyJson } from "../../json/stringify.ts";
import type { SyncObserver } from "../observer.ts";
import type { Writable } from "./plain.ts";

/** Events as JSON lines on `out`. */
export function jsonReporter(out: Writable, now: () => number = () => performance.now()): SyncObserver {
  const origin = now();
  const emit = (event: string, fields: Readonly<Record<string, unknown>>) =>
    out.write(`${stringifyJson({ event, ...fields, ms: Math.round(now() - origin) })}\n`);
  return {
    resourceStarted: (resource) => emit("started", { resource }),
    total: (resource, total) => emit("total", { resource, pages: total.pages }),
    page: (resource, pages, records) => emit("page", { resource, pages, records }),
    window: (resource, w) => emit("window", { resource, index: w.index, count: w.count, start: w.start, end: w.end, records: w.records }),
    wait: (event) => emit("wait", { resource: event.resource, reason: event.reason, waitMs: event.waitMs }),
    retry: (resource, event) => emit("retry", { resource, attempt: event.attempt, waitMs: event.waitMs, reason: event.reason, url: event.url }),
    detected: (resource, d) => emit("detected", { resource, confident: d.confident, reasons: d.reasons, endpoint: asConfig(d) }),
    quarantined: (resource, count, table) => emit("quarantined", { resource, count, table }),
    warning: (resource, message) => emit("warning", { resource, message }),
    committing: (resource, records) => emit("committing", { resource, records }),
    resourceFinished: (summary) => emit("finished", { ...summary }),
  };
}
