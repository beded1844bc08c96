// Postgres connection URLs: the form shown in messages never carries the password.

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
