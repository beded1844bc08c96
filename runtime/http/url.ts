// URL helpers shared by the client and paginators.

/**
 * dlt's join rule: an absolute http(s) `path` is used as is; an empty base gives `path`, an empty
 * path gives `baseUrl`; otherwise exactly one slash joins them.
 */
export function joinUrl(baseUrl: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  if (baseUrl === "") return path;
  if (path === "") return baseUrl;
  return `${baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** True when both URLs have the same scheme, host and port (default ports normalized). */
export function sameOrigin(a: URL, b: URL): boolean {
  return a.origin !== "null" && a.origin === b.origin;
}
