// Names of the keys that hold a page's records, and of the envelope members that never do.
import { nameList } from "./names.ts";

/**
 * Keys that name a record list (`_results` matches `results`). Order matters to `init` only, which
 * prefers the earlier name when one envelope holds several lists of objects at the same depth.
 */
export const RECORD_LIST_NAMES = nameList(
  "data", "results", "items", "records", "value", "entries", "elements", "list", "objects", "rows", "entities",
  "payload", "content", "values", "hits",
);

/** Envelope members that carry paging, links or diagnostics, never the records (`_links`, `page_info`, ...). */
export const ENVELOPE_NAMES = nameList(
  "meta", "metadata", "links", "pagination", "paging", "page_info", "pages", "next_page", "cursors", "response_metadata",
  "errors", "warnings",
);
