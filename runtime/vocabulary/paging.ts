// Names of paging: the envelope objects that describe it, and the numbers and flags that drive offset
// and page paging (totals, has-more flags, offsets, page sizes, page numbers) as body keys and query params.
import { joinLists, nameList } from "./names.ts";

/** Envelope members that exist to describe paging (`pagination`, Relay's `pageInfo`, Intercom's `pages`, Asana's `next_page`). */
export const PAGING_OBJECT_NAMES = nameList("pagination", "paging", "page_info", "pages", "next_page", "cursors");

/** Body keys holding the total number of records. `count` is last: it sometimes counts only the page. */
export const TOTAL_NAMES = nameList("total", "total_count", "total_results", "total_items", "total_records", "total_size", "total_elements", "count");

/** Body keys holding the number of pages (Laravel's `last_page` is the page count when pages count from 1). */
export const TOTAL_PAGES_NAMES = nameList("total_pages", "pages", "page_count", "num_pages", "last_page", "pages_count");

/** Body keys holding a "more pages follow" boolean. */
export const HAS_MORE_NAMES = nameList("has_more", "more", "has_next", "has_next_page");

/** Body keys holding the inverse flag, "this is the last page" (reported, never used to stop). */
export const LAST_PAGE_FLAG_NAMES = nameList("is_last_page");

/** Query params and body echoes holding a record offset (`$skip` matches `skip`, Jira's `startAt` `start_at`). */
export const OFFSET_NAMES = nameList("offset", "skip", "start", "start_at", "start_index");

/** Body echoes holding a page size (`$top` matches `top`). */
export const LIMIT_NAMES = nameList("limit", "per_page", "page_size", "take", "top", "max_results", "size", "rows", "max_page_size");

/** Query params holding a page size: `count` is a page size in a query, a total in a body. */
export const QUERY_LIMIT_NAMES = joinLists(LIMIT_NAMES, nameList("count"));

/** Query params holding a page number. */
export const PAGE_PARAM_NAMES = nameList("page", "page_number", "page_num", "page_no", "page_index");

/** Body keys that echo the current page number wherever they sit. */
export const PAGE_ECHO_NAMES = joinLists(nameList("page", "current_page"), PAGE_PARAM_NAMES);

/** Body keys that echo the current page number only beside a page count (`paging.current`, Spring's `number`). */
export const WEAK_PAGE_ECHO_NAMES = nameList("current", "number", "index");
