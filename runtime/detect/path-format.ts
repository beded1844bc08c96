// Writes key paths in the runtime's JSONPath subset: `data`, `meta.total`, `['@odata.nextLink']`.

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quoted(key: string): string {
  return `['${key.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;
}

/** The path of `keys` from the root: dotted plain identifiers, other keys bracket-quoted; `$` when empty. */
export function formatPath(keys: readonly string[]): string {
  if (keys.length === 0) return "$";
  let out = "";
  for (const key of keys) {
    if (PLAIN_KEY.test(key)) out += out === "" ? key : `.${key}`;
    else out += quoted(key);
  }
  return out;
}
