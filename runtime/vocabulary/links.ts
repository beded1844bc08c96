// Names of next-page links in a response body: the keys, the objects that hold them, the URL members
// of a link object and the previous-page keys beside them.
import { nameList } from "./names.ts";

/** Keys holding the next page's URL (`@odata.nextLink` matches `odatanextlink`). A bare `next` is a link only in context. */
export const NEXT_URL_NAMES = nameList("next", "next_url", "next_link", "next_page_url", "next_page_link", "next_href", "@odata.nextLink");

/** Objects whose `next` is a link (JSON:API `links`, HAL `_links`, Front `_pagination`, Intercom `pages`). */
export const LINK_CONTAINER_NAMES = nameList("links", "link", "pagination", "paging", "meta", "pages");

/** Keys of a link object that hold its URL (`_links.next.href`, Asana's `next_page.uri`). */
export const URL_CHILD_NAMES = nameList("href", "url", "uri", "link");

/** Keys of the previous page's link: beside a bare `next`, they mark it as a link (DRF's `next`/`previous`). */
export const PREVIOUS_URL_NAMES = nameList("previous", "prev", "previous_url", "prev_url", "previous_link", "prev_link", "previous_page_url", "prev_page_url");

/** OData v2's next link: normalized it reads `next`, so it is matched as written (a link even when null). */
export const ODATA_V2_NEXT_KEY = "__next";
