// The shared engine of the offset and page_number paginators: a numeric position (query param or body path) advanced by a step.
import { ConfigError, PaginationError, type ConfigIssue } from "../errors.ts";
import type { PageRequest } from "../http/request.ts";
import { bodyPath, readHasMore, readTotal } from "./body-values.ts";
import type { Paginator } from "../hooks.ts";
import type { Slot } from "./slot.ts";

export interface RangeOptions {
  /** "offset paginator" or "page_number paginator", for messages. */
  readonly who: string;
  /** Where the position (offset or page) is kept in the request. */
  readonly slot: Slot;
  /** How far one page moves the position (limit, or 1). */
  readonly step: number;
  /** The position after the last one is `total + totalBase` (0 for offsets, base_page for pages). */
  readonly totalBase: number;
  readonly totalPath: string | null;
  /** Positions at or past this are never requested. */
  readonly maximum: number | null;
  readonly stopAfterEmptyPage: boolean;
  readonly hasMorePath: string | null;
  /** Sets the first position (and anything else, e.g. the limit) on the first request. */
  readonly first: (request: PageRequest) => PageRequest;
}

const POSITION_TEXT = /^-?\d+$/;

/** At most this many requests are planned ahead from a total (the rest follow one by one). */
const MAX_AHEAD = 100_000;

/** Throws ConfigError listing `issues` (if any) for the paginator named `who`. */
export function assertSpec(who: string, issues: readonly ConfigIssue[]): void {
  if (issues.length > 0) throw new ConfigError(who, issues);
}

/** An issue when `value` is not an integer ≥ `min` (null allowed when `nullable`). */
export function integerIssue(path: string, value: number | null, min: number, nullable = false): ConfigIssue[] {
  if (value === null && nullable) return [];
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= min) return [];
  return [{ path, message: `must be an integer ≥ ${min}${nullable ? " or null" : ""}, got ${String(value)}` }];
}

function currentPosition(request: PageRequest, options: RangeOptions): number {
  const { slot, who } = options;
  const value = slot.read(request);
  if (value === undefined) throw new PaginationError(`${who}: the request has no ${slot.label} (first() was not applied)`);
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "string" && POSITION_TEXT.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  throw new PaginationError(`${who}: the ${slot.label} of the request is not an integer`);
}

/**
 * A paginator that reads its position back from the request. The one thing it remembers is the last
 * total seen: APIs that send the total only on the first page (dlt #1414) keep paging to it. The
 * runtime creates one instance per request sequence, so that memory never crosses sequences.
 */
export function createRangePaginator(options: RangeOptions): Paginator {
  const total = bodyPath(options.totalPath);
  const hasMore = bodyPath(options.hasMorePath);
  if (total === null && hasMore === null && options.maximum === null && !options.stopAfterEmptyPage) {
    assertSpec(options.who, [{ path: "paginator", message: "one of total_path, has_more_path, a maximum or stop_after_empty_page must be set" }]);
  }
  let lastTotal: number | undefined;
  const totalOf = (body: unknown): number => {
    if (total === null) return Number.POSITIVE_INFINITY;
    if (lastTotal !== undefined && total.find(body).length === 0) return lastTotal;
    lastTotal = readTotal(total, body, options.who);
    return lastTotal;
  };
  const paginator: Paginator = {
    first: options.first,
    ahead(request, response, records) {
      const next = paginator.next(request, response, records);
      if (total === null || next === undefined) return [];
      let end = totalOf(response.body) + options.totalBase;
      if (options.maximum !== null) end = Math.min(end, options.maximum);
      const start = currentPosition(next, options);
      const length = Math.min(MAX_AHEAD, Math.max(0, Math.ceil((end - start) / options.step)));
      // Lazy: each request is made as the runtime sends it (a 100,000-page plan held ~130 MB as objects).
      return {
        length,
        *[Symbol.iterator]() {
          for (let i = 0; i < length; i++) yield options.slot.write(request, start + i * options.step);
        },
      };
    },
    next(request, response, records) {
      const position = currentPosition(request, options);
      if (options.stopAfterEmptyPage && records.length === 0) return undefined;
      const nextPosition = position + options.step;
      let stop = false;
      if (total !== null && nextPosition >= totalOf(response.body) + options.totalBase) stop = true;
      if (options.maximum !== null && nextPosition >= options.maximum) stop = true;
      // has_more can only stop paging: a true value never overrides a total or a maximum (dlt bug #4225).
      if (hasMore !== null && !readHasMore(hasMore, response.body, options.who)) stop = true;
      return stop ? undefined : options.slot.write(request, nextPosition);
    },
    capped(request, response, records) {
      const nextPosition = currentPosition(request, options) + options.step;
      if (options.maximum === null || nextPosition < options.maximum) return false;
      // The API's own end (an empty page, the total, has_more false) also came here: complete.
      if (options.stopAfterEmptyPage && records.length === 0) return false;
      if (total !== null && nextPosition >= totalOf(response.body) + options.totalBase) return false;
      return hasMore === null || readHasMore(hasMore, response.body, options.who);
    },
  };
  return paginator;
}
