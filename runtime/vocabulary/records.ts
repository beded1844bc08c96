// Names of the keys that hold a page's records, and of the envelope members that never do.
import { joinLists, nameList } from "./names.ts";
import { PAGING_OBJECT_NAMES } from "./paging.ts";

/**
 * Keys that name a record list (`_results` matches `results`). Order matters to `init` only, which
 * prefers the earlier name when one envelope holds several lists of objects at the same depth.
 */
export const RECORD_LIST_NAMES = nameList(
  "data",
  "results",
  "items",
  "records",
  "value",
  "entries",
  "elements",
  "list",
  "objects",
  "rows",
  "entities",
  "payload",
  "content",
  "values",
  "hits",
);

/** Envelope members that carry paging, links or diagnostics, never the records (`_links`, `response_metadata`, ...). */
export const ENVELOPE_NAMES = joinLists(nameList("meta", "metadata", "links"), PAGING_OBJECT_NAMES, nameList("response_metadata", "errors", "warnings"));
