// What every progress reporter measures per running resource (pages, records, start, a known total) and
// how it words rates, durations, percentages and ETAs. Time comes from an injected `now` (ms).

/** One running resource as the reporters track it. */
export interface Meter {
  readonly started: number;
  pages: number;
  records: number;
  /** Pages the resource has, when its paginator learned a total from the first response. */
  totalPages: number | null;
  /** Records being committed (set by `committing`), else null. */
  committing: number | null;
}

/** A new meter started at `now`. */
export function startMeter(now: number): Meter {
  return { started: now, pages: 0, records: 0, totalPages: null, committing: null };
}

/** Records per second since the meter started (1 ms at least, so the first page never divides by zero). */
export function recordsPerSecond(records: number, ms: number): number {
  return Math.round(records / Math.max(ms / 1000, 1e-3));
}

/** A duration as a person reads it: `0.4 s`, `12 s`, `3 min 05 s`, `2 h 07 min`. */
export function duration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, "0")} min`;
}

/** The share of pages done (0–100, whole), or null without a total. */
export function percent(meter: Meter): number | null {
  if (meter.totalPages === null || meter.totalPages <= 0) return null;
  return Math.min(100, Math.floor((meter.pages * 100) / meter.totalPages));
}

/** The time left at the pace so far, or null without a total or before the first page. */
export function etaMs(meter: Meter, now: number): number | null {
  if (meter.totalPages === null || meter.pages === 0) return null;
  const left = Math.max(0, meter.totalPages - meter.pages);
  return ((now - meter.started) / meter.pages) * left;
}

/** `48% of 25 pages, ETA 4.1 s` when the total is known; empty otherwise. */
export function progressText(meter: Meter, now: number): string {
  const share = percent(meter);
  const eta = etaMs(meter, now);
  if (share === null || eta === null) return "";
  return `${share}% of ${meter.totalPages} pages, ETA ${duration(eta)}`;
}
