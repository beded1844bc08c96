// Lower-cased key and param names the detectors recognise, most common first.
import type { NameList } from "./pick.ts";

/** Body keys holding the total number of records. `count` is last: it sometimes counts only the page. */
export const TOTAL_NAMES: NameList = [
  "total", "total_count", "totalcount", "total_results", "totalresults", "total_items", "totalitems",
  "total_records", "totalrecords", "total_size", "totalsize", "total_elements", "totalelements", "count",
];

/** Body keys holding a "more pages follow" boolean. */
export const HAS_MORE_NAMES: NameList = ["has_more", "hasmore", "more", "has_next", "hasnext", "has_next_page", "hasnextpage"];

/** Query params and body echoes holding a record offset. */
export const OFFSET_NAMES: NameList = ["offset", "skip", "start", "startat", "start_at", "$skip", "startindex", "start_index"];

/** Body echoes holding a page size. */
export const LIMIT_NAMES: NameList = [
  "limit", "per_page", "perpage", "page_size", "pagesize", "take", "top", "$top", "max_results", "maxresults", "size", "rows",
];

/** Query params holding a page size (`count` is a page size in a query, a total in a body). */
export const QUERY_LIMIT_NAMES: NameList = [...LIMIT_NAMES, "count"];

/** Body keys holding the number of pages. */
export const TOTAL_PAGES_NAMES: NameList = [
  "total_pages", "totalpages", "pages", "page_count", "pagecount", "num_pages", "numpages", "last_page", "lastpage",
];

/** Body keys that echo the current page number wherever they sit. */
export const PAGE_ECHO_NAMES: NameList = [
  "page", "current_page", "currentpage", "page_number", "pagenumber", "pageno", "page_no", "page_index", "pageindex",
];

/** Body keys that echo the current page number only beside a page count (`paging.current`, Spring's `number`). */
export const WEAK_PAGE_ECHO_NAMES: NameList = ["current", "number", "index"];

/** Query params holding a page number. */
export const PAGE_PARAM_NAMES: NameList = ["page", "page_number", "pagenumber", "pageno", "page_no", "page_index", "pageindex"];
