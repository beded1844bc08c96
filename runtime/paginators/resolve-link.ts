// Resolving next-page links (absolute or relative) against the current request URL.
import { PaginationError } from "../errors.ts";

/** `link` resolved against `base` (the request URL); PaginationError when it is not a valid URL. */
export function resolveLink(link: string, base: URL, who: string): URL {
  try {
    return new URL(link, base);
  } catch {
    // The link itself is not quoted: it may carry tokens.
    throw new PaginationError(`${who}: the next-page link is not a valid URL (relative to ${base.origin}${base.pathname})`);
  }
}
