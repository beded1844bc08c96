// JSON on stdout for the commands' --json: indented, integers beyond 2^53 (bigints) as their exact digits.
import { stringifyJson } from "../../runtime/json/stringify.ts";

/** `value` as indented JSON text (compact when it holds a bigint, which only stringifyJson writes exactly). */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return stringifyJson(value) ?? "null";
  }
}
