// The JSON text of a state entry, shared by the destinations that store state as JSON.
import { DestinationError } from "../errors.ts";
import { parseJson } from "../json/parse.ts";
import { stringifyJson } from "../json/stringify.ts";
import type { StateEntry } from "./destination.ts";

/** Serializes a state value to JSON text, integers beyond 2^53 (bigints) exactly; DestinationError when it has no JSON form. */
export function stateJson(entry: StateEntry, label: string): string {
  let text: string | undefined;
  try {
    text = stringifyJson(entry.value);
  } catch (error) {
    throw new DestinationError(`${label}: state ${JSON.stringify(entry.key)} is not serializable to JSON: ${String(error)}; nothing was applied`);
  }
  if (text === undefined) throw new DestinationError(`${label}: state ${JSON.stringify(entry.key)} has no JSON value; nothing was applied`);
  return text;
}

/**
 * Parses stored state JSON with exact numbers: an integer no double holds (a bigint `stateJson` wrote)
 * comes back as a bigint; one a double holds exactly stays a number, however the database spelled it
 * (Postgres's jsonb writes 1e21 as 1000000000000000000000). DestinationError naming `key` when it is not JSON.
 */
export function parseStateJson(text: string, key: string): unknown {
  const parsed = parseJson(text, Buffer.byteLength(text));
  if (!parsed.ok) throw new DestinationError(`stored state ${JSON.stringify(key)} is not valid JSON: ${parsed.problem}`);
  return doublesWhereExact(parsed.value);
}

/** The value with every bigint a double represents exactly turned into that number. */
function doublesWhereExact(value: unknown): unknown {
  if (typeof value === "bigint") return BigInt(Number(value)) === value ? Number(value) : value;
  if (Array.isArray(value)) return value.map(doublesWhereExact);
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, doublesWhereExact(v)]));
}
