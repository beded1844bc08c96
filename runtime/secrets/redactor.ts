// Secret scrubbing for error messages, log lines and previews: by structure (sensitive query
// parameters, URL userinfo) and by value (each registered secret in every encoding it may take),
// in the text and in each level of its unescaping (percent, backslash and HTML escapes).
import { SECRET_NAMES } from "../vocabulary/secrets.ts";
import { secretForms } from "./encodings.ts";
import { type Decoded, MAY_BE_ESCAPED, unescapeLevel } from "./unescape.ts";

const MASK = "***";

/** `?name=value` / `&name=value` / `#name=value` / `;name=value` anywhere in a text. */
const PARAM_RE = /[?&#;]([^=&#?;\s"'<>]+)=([^&#;\s"'<>]*)/g;
/** The userinfo of `scheme://user:pass@host` anywhere in a text. */
const USERINFO_RE = /\b[a-z][a-z0-9+.-]*:\/\/([^/?#\s@"'<>]+)@/gi;

type Interval = [start: number, end: number];

/** Encodings nest (`%252F`, `&amp;#47;`, `\\u002f` in JSON inside JSON): decoded this many levels deep. */
const MAX_LEVELS = 4;
/** How much longer than the form searched a secret's escaped text may be (`/` → `\u0026#x2F;` is 11×). */
const MAX_EXPANSION = 12;

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " ")).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** One global, case-insensitive regex matching any of `forms`, preferring the longest. */
function formsPattern(forms: Iterable<string>): RegExp {
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map((form) => form.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|"), "gi");
}

/** Collects secrets and masks them (as `***`) in any text; never logs or exposes what it holds. */
export class Redactor {
  readonly #forms = new Set<string>();
  /** All forms in one case-insensitive alternation, longest first; rebuilt after `add`. */
  #pattern: RegExp | undefined;
  /** Names registered with addSensitiveParam (lower-cased); SECRET_NAMES are always masked too. */
  readonly #params = new Set<string>();
  #longest = 0;

  /** Registers a secret value: it and its encodings are masked from now on (empty is ignored). */
  add(secret: string): void {
    if (secret === "") return;
    for (const form of secretForms(secret)) {
      if (this.#forms.has(form)) continue;
      this.#forms.add(form);
      this.#pattern = undefined;
      this.#longest = Math.max(this.#longest, form.length * MAX_EXPANSION);
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

  /** Ranges of `text` to mask, sorted and merged: found in the text, then in each level of its unescaping. */
  #intervals(text: string): Interval[] {
    const found: Interval[] = [];
    this.#find(text, undefined, found);
    let level: Decoded | undefined;
    for (let depth = 0; depth < MAX_LEVELS && MAY_BE_ESCAPED.test(level?.text ?? text); depth++) {
      level = unescapeLevel(level?.text ?? text, level);
      if (level === undefined) break;
      this.#find(level.text, level, found);
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

  /** Adds to `found` the ranges to mask in `text`, a decoded level mapped back through `level` when given. */
  #find(text: string, level: Decoded | undefined, found: Interval[]): void {
    const add = (start: number, end: number) => {
      if (level === undefined) found.push([start, end]);
      // An empty mask (a parameter with no value) only where it stands in the original text.
      else if (end > start) found.push([level.start[start] as number, level.end[end - 1] as number]);
    };
    for (const m of text.matchAll(PARAM_RE)) {
      const [whole, name = "", value = ""] = m;
      const decoded = decodeName(name);
      if (!SECRET_NAMES.has(decoded) && !this.#params.has(decoded)) continue; // empty values too, as dlt does
      const end = (m.index ?? 0) + whole.length;
      add(end - value.length, end);
    }
    for (const m of text.matchAll(USERINFO_RE)) {
      const [whole, info = ""] = m;
      const end = (m.index ?? 0) + whole.length - 1;
      add(end - info.length, end);
    }
    if (this.#forms.size === 0) return;
    // Case-insensitive: hostnames are lower-cased by URL parsing. Resumed one past each match's
    // start, so that overlapping forms (of one secret or of several) are all found.
    const pattern = (this.#pattern ??= formsPattern(this.#forms));
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      add(m.index, m.index + m[0].length);
      pattern.lastIndex = m.index + 1;
    }
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
