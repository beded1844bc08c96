// Secret scrubbing for error messages, log lines and previews: by structure (sensitive query
// parameters, URL userinfo) and by value (each registered secret in every encoding it may take).

const MASK = "***";

/** dlt's list of query parameter names whose values are always masked (compared lower-cased). */
const SENSITIVE_PARAMS = [
  "api_key", "token", "key", "access_token", "apikey", "api-key", "access-token",
  "secret", "password", "pwd", "client_secret",
];

/** `?name=value` / `&name=value` / `#name=value` / `;name=value` anywhere in a text. */
const PARAM_RE = /[?&#;]([^=&#?;\s"'<>]+)=([^&#;\s"'<>]*)/g;
/** The userinfo of `scheme://user:pass@host` anywhere in a text. */
const USERINFO_RE = /\b[a-z][a-z0-9+.-]*:\/\/([^/?#\s@"'<>]+)@/gi;

type Interval = [start: number, end: number];

/** The forms a secret takes on the wire and in serialized errors. */
function encodings(secret: string): string[] {
  const b64 = Buffer.from(secret, "utf8").toString("base64");
  return [
    secret,
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams([["", secret]]).toString().slice(1),
    b64,
    b64.replace(/=+$/, ""),
    Buffer.from(secret, "utf8").toString("base64url"),
    JSON.stringify(secret).slice(1, -1),
  ];
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " ")).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** Collects secrets and masks them (as `***`) in any text; never logs or exposes what it holds. */
export class Redactor {
  readonly #forms = new Set<string>();
  readonly #params = new Set<string>(SENSITIVE_PARAMS);
  #longest = 0;

  /** Registers a secret value: it and its encodings are masked from now on (empty is ignored). */
  add(secret: string): void {
    if (secret === "") return;
    for (const form of encodings(secret)) {
      if (form === "" || this.#forms.has(form)) continue;
      this.#forms.add(form);
      this.#longest = Math.max(this.#longest, form.length);
    }
  }

  /** Registers Basic credentials: the password, and `user:pass` (so its base64 header value). */
  addBasic(user: string, pass: string): void {
    this.add(pass);
    this.add(`${user}:${pass}`);
  }

  /** Marks a query parameter name (case-insensitive) whose value is always masked. */
  addSensitiveParam(name: string): void {
    if (name !== "") this.#params.add(name.toLowerCase());
  }

  /** `text` with sensitive URL parts and every registered secret (in every encoding) masked. */
  redact(text: string): string {
    return this.#emit(text, this.#intervals(text), text.length, Infinity, true) ?? text;
  }

  /** A URL for display: userinfo removed, sensitive query values masked, secrets scrubbed. */
  redactUrl(url: URL | string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return this.redact(String(url));
    }
    parsed.username = "";
    parsed.password = "";
    return this.redact(parsed.href);
  }

  /** The redacted start of `text`, at most `maxChars` characters (plus `…` when cut). */
  preview(text: string, maxChars: number): string {
    let window = maxChars * 4 + this.#longest + 64;
    for (;;) {
      const complete = window >= text.length;
      const slice = complete ? text : text.slice(0, window);
      // A secret cut by the window end is not detected: only positions before safeEnd are trusted.
      const safeEnd = complete ? slice.length : Math.max(0, slice.length - this.#longest - 1);
      const out = this.#emit(slice, this.#intervals(slice), safeEnd, maxChars, complete);
      if (out !== undefined) return out;
      window *= 2;
    }
  }

  /** Ranges of `text` to mask, sorted and merged. */
  #intervals(text: string): Interval[] {
    const found: Interval[] = [];
    for (const m of text.matchAll(PARAM_RE)) {
      const [whole, name = "", value = ""] = m;
      if (!this.#params.has(decodeName(name))) continue; // empty values too, as dlt does
      const end = (m.index ?? 0) + whole.length;
      found.push([end - value.length, end]);
    }
    for (const m of text.matchAll(USERINFO_RE)) {
      const [whole, info = ""] = m;
      const end = (m.index ?? 0) + whole.length - 1;
      found.push([end - info.length, end]);
    }
    // Case-insensitive (hostnames and %xx escapes change case) unless lower-casing moves offsets.
    const lower = text.toLowerCase();
    const haystack = lower.length === text.length ? lower : text;
    for (const form of this.#forms) {
      const needle = haystack === lower ? form.toLowerCase() : form;
      for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) found.push([i, i + needle.length]);
    }
    found.sort((a, b) => a[0] - b[0]);
    const merged: Interval[] = [];
    for (const [start, end] of found) {
      const last = merged[merged.length - 1];
      if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    return merged;
  }

  /**
   * Writes `text[0, safeEnd)` with `intervals` masked, stopping at `maxOut` characters (then adds
   * `…`). Returns undefined when `text` is an incomplete window that ran out before `maxOut`.
   */
  #emit(text: string, intervals: readonly Interval[], safeEnd: number, maxOut: number, complete: boolean): string | undefined {
    let out = "";
    let pos = 0;
    for (const [start, end] of intervals) {
      if (start >= safeEnd) break;
      out += text.slice(pos, start) + MASK;
      pos = end;
      if (out.length > maxOut) return `${out.slice(0, maxOut)}…`;
    }
    if (pos < safeEnd) out += text.slice(pos, safeEnd);
    if (out.length > maxOut) return `${out.slice(0, maxOut)}…`;
    return complete ? out : undefined;
  }
}
