// Row ids (`_gc_id`) in dlt's layout: deterministic where a row has a stable identity (a keyed root row,
// a list item by position under its parent), unique per row otherwise.
import * as crypto from "node:crypto";
import { canonicalJson } from "../json/stringify.ts";
import type { Scalar } from "./rows.ts";

/** Characters of a derived id: 22 base64url characters, 132 bits of a SHA-256. */
const ID_LENGTH = 22;

type OneShot = (algorithm: string, data: string, encoding: "base64url") => string;
/** `crypto.hash` (Node ≥ 20.12) is several times faster than createHash for short inputs. */
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

function digest(text: string): string {
  const full = oneShot === undefined ? crypto.createHash("sha256").update(text).digest("base64url") : oneShot("sha256", text, "base64url");
  return full.slice(0, ID_LENGTH);
}

/** A length-prefixed part, so no two part lists encode alike whatever characters they hold. */
function part(text: string): string {
  return `${text.length}:${text}`;
}

/** The id of a keyed root row: the same table and primary key values always give the same id. */
export function keyRowId(table: string, key: readonly Scalar[]): string {
  // A value's type is fixed by its column, so String() cannot make two keys of one table alike.
  let text = part(table);
  for (const value of key) text += value === null ? "-" : part(String(value));
  return digest(text);
}

/**
 * scd2's row hash: the same for the same record whatever its key order, over every field at every
 * depth (nested lists included, so a change inside one is a new version), numbers as their exact digits.
 */
export function recordHash(record: unknown): string {
  return digest(canonicalJson(record) ?? "null");
}

/**
 * The id of a list item's row: its parent row's id, a dot, and its position in base 36 (`xJOz…M0dd.a`
 * is item 10). Unique within its table, as the parent's id is unique within the parent's table and
 * positions have no dot (the text after the last dot is the position); stable as long as the parent's
 * id is. Not hashed: a SHA-256 per list item cost 0.45 s of a 300,000-record sync with two tags each.
 */
export function childRowId(parentId: string, index: number): string {
  return `${parentId}.${index.toString(36)}`;
}

/** Ids unique to one source of rows: a random prefix, then the row's ordinal (no hashing). */
export class UniqueRowIds {
  readonly #prefix = `${crypto.randomBytes(12).toString("base64url")}.`;

  /** The id of the `seq`-th row of this source. */
  next(seq: number): string {
    return this.#prefix + seq.toString(36);
  }
}
