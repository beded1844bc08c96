// Destination identifiers: snake_case over [a-z0-9_], at most 63 bytes (Postgres' limit), stable.

/** The longest identifier we emit, in bytes (all emitted characters are ASCII). */
export const MAX_IDENTIFIER_LENGTH = 63;

/** Separator between the segments of a flattened nested field (`parent__child`). */
export const PATH_SEPARATOR = "__";

const HASH_LENGTH = 12;

/** Maps any string to a snake_case identifier over [a-z0-9_], shortened with a hash above 63 bytes. */
export function normalizeIdentifier(name: string): string {
  const split = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/_+/g, "_");
  let core = split.replace(/^_+|_+$/g, "");
  // dlt keeps a leading underscore (`_dlt_id`): it marks system-like columns.
  if (name.startsWith("_") || core === "") core = `_${core}`;
  if (/^[0-9]/.test(core)) core = `_${core}`;
  return shortenIdentifier(core);
}

/** Joins normalized path segments into one column name (`parent__child`), shortened when needed. */
export function joinIdentifiers(parent: string, child: string): string {
  return shortenIdentifier(`${parent}${PATH_SEPARATOR}${child}`);
}

/**
 * Shortens an identifier above 63 UTF-8 bytes to a prefix plus a stable hash of the whole name (at most
 * 63 bytes, never cutting a character); shorter names are returned unchanged.
 */
export function shortenIdentifier(name: string): string {
  if (utf8Length(name) <= MAX_IDENTIFIER_LENGTH) return name;
  const budget = MAX_IDENTIFIER_LENGTH - HASH_LENGTH - 1;
  let prefix = "";
  let bytes = 0;
  for (const char of name) {
    const size = utf8Length(char);
    if (bytes + size > budget) break;
    prefix += char;
    bytes += size;
  }
  return `${prefix.replace(/_+$/, "")}_${fnv1a64(name).slice(0, HASH_LENGTH)}`;
}

function utf8Length(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range, \x00 included
  return /^[\x00-\x7f]*$/.test(text) ? text.length : Buffer.byteLength(text, "utf8");
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** 64-bit FNV-1a over the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, "0");
}

/** A dataset, table or column name as the destination stores it (at most 63 bytes). */
export function fitIdentifier(name: string): string {
  return name.length * 3 <= MAX_IDENTIFIER_LENGTH ? name : shortenIdentifier(name);
}
