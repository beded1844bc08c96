// Postgres connection URLs: the form shown in messages never carries the password.
import { UsageError } from "../../errors.ts";

/** `url` with its password (user-info or `?password=`) replaced by `***`; unparseable URLs are cut to their scheme. */
export function redactPostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${/^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? ""}//(unparseable URL)`;
  }
  if (parsed.password !== "") parsed.password = "***";
  if (parsed.searchParams.has("password")) parsed.searchParams.set("password", "***");
  return parsed.toString().replace("%2A%2A%2A", "***");
}

/** Removes every occurrence of the URL's password (raw and percent-decoded) from `text`. */
export function scrubPassword(url: string, text: string): string {
  let secrets: string[] = [];
  try {
    const parsed = new URL(url);
    secrets = [parsed.password, decodeURIComponent(parsed.password), parsed.searchParams.get("password") ?? ""];
  } catch {
    return text;
  }
  return secrets.filter((s) => s.length > 0).reduce((t, s) => t.replaceAll(s, "***"), text);
}

/** How long a statement waits for a table lock before giving up, unless the URL says otherwise. */
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

const UNITS: Readonly<Record<string, number>> = { "": 1, ms: 1, s: 1000, min: 60_000 };

/**
 * The URL without its `lock_timeout` parameter, and that timeout in milliseconds (default 30 s;
 * `0` waits forever, as in Postgres). Plain numbers are milliseconds, as Postgres reads them;
 * `ms`, `s` and `min` suffixes are accepted. UsageError for anything else.
 */
export function lockTimeoutOption(url: string): { url: string; lockTimeoutMs: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS }; // the driver reports the bad URL
  }
  const values = parsed.searchParams.getAll("lock_timeout");
  if (values.length === 0) return { url, lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS };
  const text = values[values.length - 1] as string;
  const match = /^\s*(\d{1,9}(?:\.\d+)?)\s*(ms|s|min)?\s*$/.exec(text);
  const ms = match === null ? NaN : Math.round(Number(match[1]) * (UNITS[match[2] ?? ""] as number));
  if (!Number.isSafeInteger(ms) || ms > 2_147_483_647) {
    throw new UsageError(
      `postgres destination ${redactPostgresUrl(url)}: lock_timeout must be a duration such as 30s, 500ms, 2min or 0 (wait forever), got ${JSON.stringify(text)}`,
    );
  }
  // Removed textually: re-serializing searchParams would turn other parameters' %20 into `+`.
  const kept = parsed.search
    .slice(1)
    .split("&")
    .filter((pair) => new URLSearchParams(pair).get("lock_timeout") === null);
  parsed.search = kept.length === 0 ? "" : `?${kept.join("&")}`;
  return { url: parsed.toString(), lockTimeoutMs: ms };
}
