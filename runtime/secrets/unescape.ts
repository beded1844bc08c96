// One level of unescaping of every textual encoding a server may echo a secret in — percent-encoding
// (either hex case, UTF-8 or Latin-1 bytes, `%uXXXX`), backslash escapes (JSON's `\/` and `\u00xx`,
// JS's `\u{…}`, Python's `\xhh`), HTML character references — keeping, for every character of the
// result, the range of the original text it came from, so that a secret found in the decoded text
// is masked where it stood. Layered encodings (`%252F`, `&amp;#47;`, `\\u002f`) take one level each.
import { LEGACY_ENTITIES, NAMED_ENTITIES } from "./html-entities.ts";

/** A decoded text: `text[i]` came from the original's units `[start[i], end[i])`. */
export interface Decoded {
  readonly text: string;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** A quick test for something this module decodes: a text without a match decodes to itself. */
export const MAY_BE_ESCAPED = /%(?:[0-9a-f]{2}|u[0-9a-f]{4})|\\|&(?:#|[a-z]{2,20};|(?:amp|lt|gt|quot)(?![a-z]))/i;

interface Match {
  readonly value: string;
  readonly next: number;
}

const SIMPLE: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v", "0": "\0" };
const ALNUM = /^[0-9A-Za-z]$/;

/** `text` (an original text, or a level given with its ranges) with one level of escapes decoded; undefined when it has none. */
export function unescapeLevel(text: string, from?: Decoded): Decoded | undefined {
  const n = text.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const fromStart = from?.start;
  const fromEnd = from?.end;
  const parts: string[] = [];
  let length = 0;
  let copied = 0;
  const copyTo = (to: number) => {
    parts.push(text.slice(copied, to));
    if (fromStart !== undefined && fromEnd !== undefined) {
      start.set(fromStart.subarray(copied, to), length);
      end.set(fromEnd.subarray(copied, to), length);
      length += to - copied;
    } else {
      for (let k = copied; k < to; k++, length++) {
        start[length] = k;
        end[length] = k + 1;
      }
    }
  };
  const introducer = /[%\\&]/g;
  for (let m = introducer.exec(text); m !== null; m = introducer.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    const match = c === 37 ? percent(text, i) : c === 92 ? backslash(text, i) : entity(text, i);
    if (match === undefined) continue;
    copyTo(i);
    parts.push(match.value);
    const first = fromStart === undefined ? i : (fromStart[i] as number);
    const last = fromEnd === undefined ? match.next : (fromEnd[match.next - 1] as number);
    for (let k = 0; k < match.value.length; k++, length++) {
      start[length] = first;
      end[length] = last;
    }
    copied = introducer.lastIndex = match.next;
  }
  if (copied === 0) return undefined;
  copyTo(n);
  return { text: parts.join(""), start: start.subarray(0, length), end: end.subarray(0, length) };
}

function hexAt(text: string, i: number, digits: number): number | undefined {
  const chunk = text.slice(i, i + digits);
  return chunk.length === digits && /^[0-9a-fA-F]+$/.test(chunk) ? Number.parseInt(chunk, 16) : undefined;
}

/** `%hh` or `\xhh` at `i`: the byte and where it ends. */
function byteAt(text: string, i: number): { byte: number; next: number } | undefined {
  const c = text[i];
  const introducer = c === "%" ? 1 : c === "\\" && (text[i + 1] === "x" || text[i + 1] === "X") ? 2 : 0;
  if (introducer === 0) return undefined;
  const byte = hexAt(text, i + introducer, 2);
  return byte === undefined ? undefined : { byte, next: i + introducer + 2 };
}

function codePoint(cp: number, next: number): Match | undefined {
  if (cp > 0x10ffff) return undefined;
  return { value: cp <= 0xffff ? String.fromCharCode(cp) : String.fromCodePoint(cp), next };
}

/** A run of byte escapes forming one UTF-8 character, else the first byte alone as Latin-1. */
function bytes(text: string, i: number): Match | undefined {
  const first = byteAt(text, i);
  if (first === undefined) return undefined;
  const b = first.byte;
  const more = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
  let cp = more === 0 ? b : b & (0x3f >> more);
  let next = first.next;
  for (let k = 0; k < more; k++) {
    const cont = byteAt(text, next);
    if (cont === undefined || (cont.byte & 0xc0) !== 0x80) return { value: String.fromCharCode(b), next: first.next };
    cp = (cp << 6) | (cont.byte & 0x3f);
    next = cont.next;
  }
  return codePoint(cp, next) ?? { value: String.fromCharCode(b), next: first.next };
}

/** `%hh…` (bytes) or `%uXXXX` (JS `escape()`). */
function percent(text: string, i: number): Match | undefined {
  if (text[i + 1] === "u" || text[i + 1] === "U") {
    const unit = hexAt(text, i + 2, 4);
    if (unit !== undefined) return { value: String.fromCharCode(unit), next: i + 6 };
  }
  return bytes(text, i);
}

/** `\uXXXX`, `\u{X…}`, `\UXXXXXXXX`, `\xhh`, `\n`-style controls, or `\` before any punctuation. */
function backslash(text: string, i: number): Match | undefined {
  const d = text[i + 1];
  if (d === undefined) return undefined;
  if (d === "/" || d === '"' || d === "\\" || d === "'") return { value: d, next: i + 2 };
  if (d === "x" || d === "X") return bytes(text, i);
  if (d === "u" && text[i + 2] === "{") {
    const close = text.indexOf("}", i + 3);
    const digits = close < 0 ? "" : text.slice(i + 3, close);
    return /^[0-9a-fA-F]{1,8}$/.test(digits) ? codePoint(Number.parseInt(digits, 16), close + 1) : undefined;
  }
  if (d === "u") {
    const unit = hexAt(text, i + 2, 4);
    return unit === undefined ? undefined : { value: String.fromCharCode(unit), next: i + 6 };
  }
  if (d === "U") {
    const cp = hexAt(text, i + 2, 8);
    return cp === undefined ? undefined : codePoint(cp, i + 10);
  }
  const simple = SIMPLE[d];
  if (simple !== undefined) return { value: simple, next: i + 2 };
  if (ALNUM.test(d)) return undefined;
  const cp = text.codePointAt(i + 1) as number;
  return { value: String.fromCodePoint(cp), next: i + 1 + (cp > 0xffff ? 2 : 1) };
}

/** `&#DDD;`, `&#xHH;` (`;` optional, as browsers read them) or a named reference. */
function entity(text: string, i: number): Match | undefined {
  const d = text.charCodeAt(i + 1);
  if (d !== 35 /* # */ && !((d >= 65 && d <= 90) || (d >= 97 && d <= 122))) return undefined;
  const numeric = /^&#(?:([0-9]{1,10})|[xX]([0-9a-fA-F]{1,8}));?/.exec(text.slice(i, i + 14));
  if (numeric !== null) {
    const cp = numeric[1] !== undefined ? Number(numeric[1]) : Number.parseInt(numeric[2] as string, 16);
    return codePoint(cp, i + numeric[0].length);
  }
  const named = /^&([A-Za-z]{2,20})(;?)/.exec(text.slice(i, i + 23));
  if (named === null) return undefined;
  const [whole, name = "", semi] = named;
  const value = NAMED_ENTITIES.get(name);
  if (value === undefined || (semi === "" && !LEGACY_ENTITIES.has(name))) return undefined;
  return { value, next: i + whole.length };
}
