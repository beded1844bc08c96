// The fallback: one page, flagged as a guess when the response looks like part of a larger collection.
import type { PageResponse } from "../http/request.ts";
import { HAS_MORE_NAMES, OFFSET_NAMES, PAGE_ECHO_NAMES, TOTAL_NAMES, WEAK_PAGE_ECHO_NAMES } from "../vocabulary/paging.ts";
import { holdsList, isPlainObject, scanBody, type BodyEntry } from "./body-scan.ts";
import type { PaginatorDetection } from "./detection.ts";
import { formatPath } from "./path-format.ts";
import { pickEntry } from "./pick.ts";
import { integerOf, isCount } from "./values.ts";

/** Record counts that are typical page sizes. */
const PAGE_SIZES = new Set([10, 20, 25, 50, 100, 200, 250, 500, 1000]);

const at = (entry: BodyEntry): string => `\`${formatPath(entry.keys)}\``;
const recordsText = (n: number): string => `${n} record${n === 1 ? "" : "s"}`;

/** Signs that more pages exist although no scheme was found. */
function hints(response: PageResponse, records: readonly unknown[]): string[] {
  const out: string[] = [];
  const n = records.length;
  if (n >= 10 && PAGE_SIZES.has(n)) out.push(`this page has exactly ${recordsText(n)}, a typical page size`);
  const headerTotal = integerOf(response.headers.get("x-total-count") ?? undefined);
  if (headerTotal !== undefined && headerTotal > n) out.push(`the \`X-Total-Count\` header says ${recordsText(headerTotal)}, this page has ${n}`);
  if (!holdsList(response.body)) return out; // one record: its fields say nothing about paging
  const entries = scanBody(response.body, 3);
  const total = pickEntry(entries, TOTAL_NAMES, (v) => (integerOf(v) ?? -1) > n);
  if (total !== undefined) out.push(`${at(total)} says ${recordsText(integerOf(total.value) ?? 0)}, this page has ${n}`);
  const more = pickEntry(entries, HAS_MORE_NAMES, (v) => v === true);
  if (more !== undefined) out.push(`${at(more)} is true`);
  const pagingEntries = entries.filter((e) => e.parentName.includes("pag"));
  const page = pickEntry(entries, PAGE_ECHO_NAMES, isCount) ?? pickEntry(pagingEntries, WEAK_PAGE_ECHO_NAMES, isCount);
  if (page !== undefined) out.push(`${at(page)} looks like a page number, but no page count or page param was found`);
  const offset = pickEntry(entries, OFFSET_NAMES, isCount);
  if (offset !== undefined) out.push(`${at(offset)} looks like an offset, but no total or has-more flag was found`);
  const next = entries.find((e) => e.name.startsWith("next") && e.value === null);
  if (next !== undefined) out.push(`${at(next)} is null here but may hold a link or cursor on fuller pages`);
  return out;
}

/** single_page; not confident when the records or the body suggest more pages (the caller should warn). */
export function detectSinglePage(response: PageResponse, records: readonly unknown[]): PaginatorDetection {
  const found = hints(response, records);
  if (found.length === 0) {
    const reason =
      isPlainObject(response.body) && !holdsList(response.body)
        ? "the response is one object (one record) with no paging links: one page"
        : "no pagination in the headers or the body: one page";
    return { spec: { type: "single_page" }, reason, confident: true };
  }
  return {
    spec: { type: "single_page" },
    reason: `no pagination scheme found, so one page is read, but ${found.join("; ")}: configure a paginator if more pages exist`,
    confident: false,
  };
}
