// The JSON text of a state entry, shared by the destinations that store state as JSON.
import { DestinationError } from "../errors.ts";
import type { StateEntry } from "./destination.ts";

/** Serializes a state value to JSON text; DestinationError when it has no JSON form. */
export function stateJson(entry: StateEntry, label: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(entry.value);
  } catch (error) {
    throw new DestinationError(`${label}: state ${JSON.stringify(entry.key)} is not serializable to JSON: ${String(error)}; nothing was applied`);
  }
  if (text === undefined) throw new DestinationError(`${label}: state ${JSON.stringify(entry.key)} has no JSON value; nothing was applied`);
  return text;
}
