// JSONPath text for response fields, in the subset the runtime reads (dotted keys, ['quoted'] keys).
import { parsePath } from "../../runtime/select/jsonpath-parse.ts";

const PLAIN = /^[A-Za-z_$@][\w$@-]*$/;

/** `["_pagination", "next"]` → `_pagination.next`; odd keys are quoted: `['a.b']`; `[]` → `$`. */
export function jsonPath(tokens: readonly string[]): string {
  if (tokens.length === 0) return "$";
  let out = "";
  for (const token of tokens) {
    if (PLAIN.test(token) && !(out === "" && token.startsWith("$"))) out += out === "" ? token : `.${token}`;
    else out += `['${token.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;
  }
  return out;
}

/** True when the runtime can read `path`. */
export function isReadablePath(path: string): boolean {
  try {
    parsePath(path);
    return true;
  } catch {
    return false;
  }
}

/** A vendor JSONPath (`$.data.items`, `$response.next`) in our form, or undefined when outside the subset. */
export function vendorPath(path: unknown, prefix = "$"): string | undefined {
  if (typeof path !== "string" || !path.startsWith(prefix)) return undefined;
  const rest = path.slice(prefix.length);
  const text = rest === "" ? "$" : rest.startsWith(".") ? rest.slice(1) : `$${rest}`;
  return text !== "" && isReadablePath(text) ? text : undefined;
}
