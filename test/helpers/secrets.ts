// Sentinel secrets and a check that none of their encodings appear in some text.

export const SENTINEL_KEY = "sk_SENTINEL_9f3a+/= key";

/** Every form a secret could leak in: raw, URL-encoded (both styles), base64. */
export function encodings(secret: string): string[] {
  const base64 = Buffer.from(secret).toString("base64");
  return [secret, encodeURIComponent(secret), new URLSearchParams({ k: secret }).toString().slice(2), base64, base64.replace(/=+$/, "")];
}

/** The encodings of `secret` found in `text` (empty when clean). */
export function leaks(text: string, secret: string): string[] {
  return encodings(secret).filter((form) => text.includes(form));
}

const units = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
const utf8 = (text: string) => [...Buffer.from(text, "utf8")];
const json = (text: string) => JSON.stringify(text).slice(1, -1);
const jsonAscii = (text: string) => json(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);
const htmlSpecial = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;" })[c] as string);
const goJson = (text: string) => json(text).replace(/[<>&]/g, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);

/**
 * The textual encodings a server may echo a request in, each applied to a whole text (so
 * `encode(secret)` is what an echoed secret looks like): JSON as PHP, Python, Go and Java
 * libraries write it, percent-encodings, HTML escapes, and layers of them.
 */
export const ECHO_ENCODINGS: readonly (readonly [label: string, encode: (text: string) => string])[] = [
  ["raw", (t) => t],
  ["JSON", json],
  ["JSON with escaped slashes (PHP json_encode)", (t) => json(t).replaceAll("/", "\\/")],
  ["JSON, non-ASCII as \\u00xx (PHP, Python ensure_ascii)", (t) => jsonAscii(t).replaceAll("/", "\\/")],
  ["JSON, HTML-safe <>& as \\u003c (Go encoding/json)", goJson],
  [
    "JSON, every character as \\u00xx",
    (t) =>
      units(t)
        .map((u) => `\\u${hex(u, 4)}`)
        .join(""),
  ],
  [
    "JSON, every character as \\u00XX (upper case)",
    (t) =>
      units(t)
        .map((u) => `\\u${hex(u, 4).toUpperCase()}`)
        .join(""),
  ],
  ["JSON inside JSON, escaped slashes", (t) => json(json(t).replaceAll("/", "\\/"))],
  ["JS \\u{…} escapes", (t) => [...t].map((c) => `\\u{${hex(c.codePointAt(0) as number, 1)}}`).join("")],
  [
    "Python bytes repr (\\xhh)",
    (t) =>
      utf8(t)
        .map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c && b !== 0x27 ? String.fromCharCode(b) : `\\x${hex(b, 2)}`))
        .join(""),
  ],
  ["URL-encoded", encodeURIComponent],
  ["URL-encoded, lower-case hex", (t) => encodeURIComponent(t).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
  ["form-encoded (+ for space)", (t) => new URLSearchParams({ k: t }).toString().slice(2)],
  [
    "URL-encoded, every byte",
    (t) =>
      utf8(t)
        .map((b) => `%${hex(b, 2)}`)
        .join(""),
  ],
  ["URL-encoded twice", (t) => encodeURIComponent(encodeURIComponent(t))],
  ["HTML escaped (htmlspecialchars)", htmlSpecial],
  ["HTML escaped twice", (t) => htmlSpecial(htmlSpecial(t))],
  ["HTML, every character as &#NN;", (t) => [...t].map((c) => `&#${c.codePointAt(0)};`).join("")],
  ["HTML, every character as &#xHH;", (t) => [...t].map((c) => `&#x${hex(c.codePointAt(0) as number, 1).toUpperCase()};`).join("")],
  [
    "HTML named (&sol; &equals; &plus;)",
    (t) => htmlSpecial(t).replace(/[/=+:]/g, (c) => ({ "/": "&sol;", "=": "&equals;", "+": "&plus;", ":": "&colon;" })[c] as string),
  ],
  ["HTML-escaped, then HTML-safe JSON (Go templates)", (t) => goJson(t.replace(/\//g, "&#x2F;"))],
  [
    "URL-encoded inside JSON with escaped slashes",
    (t) =>
      json(`https://x.example/?q=${encodeURIComponent(t)}`)
        .replaceAll("/", "\\/")
        .slice("https:\\/\\/x.example\\/?q=".length),
  ],
];

/** Each encoding (with its label) of any of `values` found in `text`, compared ignoring case. */
export function echoLeaks(text: string, values: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return values.flatMap((value) =>
    ECHO_ENCODINGS.filter(([, encode]) => lower.includes(encode(value).toLowerCase())).map(([label, encode]) => `${label}: ${encode(value)}`),
  );
}
