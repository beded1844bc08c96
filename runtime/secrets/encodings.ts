// The forms a secret takes once its escapes are undone (see unescape.ts, which handles percent,
// backslash and HTML escapes of any character): the value itself, and the binary-to-text encodings
// a header or a debug dump carries it in.

/** Base64 runs shorter than this are not searched at an offset: too likely to match by chance. */
const MIN_SHIFTED = 12;
/** Hex dumps of shorter secrets are not searched: digits alone match by chance. */
const MIN_HEX_BYTES = 8;

const toUrlAlphabet = (b64: string) => b64.replace(/\+/g, "-").replace(/\//g, "_");

/**
 * The secret's base64 characters when it sits at byte offset 0, 1 or 2 of a longer encoded
 * blob (e.g. a whole request base64-encoded): only those that depend on the secret's bits alone.
 */
function embeddedBase64(bytes: Buffer): string[] {
  const out: string[] = [];
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64");
    const core = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
    if (core.length >= MIN_SHIFTED) out.push(core, toUrlAlphabet(core));
  }
  return out;
}

/**
 * What to look for, in a text and in each level of its unescaping: the secret; with `+` for its
 * spaces (form encoding); base64 (padded or not, either alphabet, also inside a longer blob); the
 * UTF-8 bytes read as Latin-1 (a server decoding a header as ISO-8859-1); hex.
 */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const base64 = bytes.toString("base64");
  const forms = [
    secret,
    secret.replaceAll(" ", "+"),
    base64,
    base64.replace(/=+$/, ""),
    bytes.toString("base64url"),
    bytes.toString("latin1"),
    ...embeddedBase64(bytes),
  ];
  if (bytes.length >= MIN_HEX_BYTES) forms.push(bytes.toString("hex"));
  return [...new Set(forms)].filter((form) => form !== "");
}
