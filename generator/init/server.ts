// client.base_url from `servers[0]`: variables replaced by their defaults; a relative or missing
// server becomes a placeholder under the reserved `.invalid` domain (it can never reach a host).
import { z } from "zod";
import { isObject } from "./schema-view.ts";

export const PLACEHOLDER_ORIGIN = "https://change-me.invalid";

export interface BaseUrl {
  readonly url: string;
  readonly evidence: string;
  readonly warning?: string;
}

const httpUrl = z.url({ protocol: /^https?$/ });

function substitute(url: string, variables: unknown): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = url.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    const variable = isObject(variables) ? variables[name] : undefined;
    const value = isObject(variable) ? variable.default : undefined;
    if (typeof value === "string" || typeof value === "number") return String(value);
    missing.push(name);
    return name;
  });
  return { text, missing };
}

/** The base URL for the config (no trailing slash). */
export function baseUrl(servers: unknown): BaseUrl {
  const first = Array.isArray(servers) ? servers[0] : undefined;
  if (!isObject(first) || typeof first.url !== "string") {
    return {
      url: PLACEHOLDER_ORIGIN,
      evidence: "the spec declares no servers",
      warning: `the spec declares no servers: client.base_url is the placeholder ${PLACEHOLDER_ORIGIN}; set the API's URL`,
    };
  }
  const { text, missing } = substitute(first.url, first.variables);
  const others = Array.isArray(servers) && servers.length > 1 ? ` (the first of ${servers.length} servers)` : "";
  const evidence = `servers[0].url ${JSON.stringify(first.url)}${others}${first.url === text ? "" : " with its variables' defaults"}`;
  const trimmed = text.replace(/\/+$/, "");
  if (missing.length === 0 && httpUrl.safeParse(trimmed).success) return { url: trimmed, evidence };
  const relative = /^\/[^/]/.test(text) && missing.length === 0 ? `${PLACEHOLDER_ORIGIN}${trimmed}` : PLACEHOLDER_ORIGIN;
  const why =
    missing.length > 0
      ? `its variables ${missing.map((m) => JSON.stringify(m)).join(", ")} have no default`
      : /^\//.test(text)
        ? "it is relative"
        : "it is not an http(s) URL";
  return {
    url: httpUrl.safeParse(relative).success ? relative : PLACEHOLDER_ORIGIN,
    evidence,
    warning: `servers[0].url ${JSON.stringify(first.url)} cannot be used as client.base_url (${why}): wrote the placeholder ${relative}; set the API's URL`,
  };
}
