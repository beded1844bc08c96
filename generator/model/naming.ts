// Safe TypeScript identifiers from arbitrary names (resource names may contain anything).

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function " +
    "if import in instanceof new null return super switch this throw true try typeof var void while with yield let static " +
    "implements interface package private protected public await arguments eval undefined NaN Infinity constructor prototype"
  ).split(" "),
);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "");
}

/** `customer_support-data` → `customerSupportData`; never a reserved word, never starts with a digit. */
export function camelIdentifier(name: string): string {
  const parts = words(name);
  const joined = parts.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join("");
  const safe = joined === "" ? "resource" : /^[0-9]/.test(joined) ? `r${joined}` : joined;
  return RESERVED.has(safe) ? `${safe}_` : safe;
}

/** `customer_support_data` → `CustomerSupportData`. */
export function pascalIdentifier(name: string): string {
  const camel = camelIdentifier(name).replace(/_$/, "");
  return camel[0]!.toUpperCase() + camel.slice(1);
}

/** The PascalCase twin of an identifier made by camelIdentifier (same words, first letter upper). */
export function pascalOf(camel: string): string {
  const trimmed = camel.replace(/_$/, "");
  return trimmed[0]!.toUpperCase() + trimmed.slice(1);
}

/** Maps names to identifiers, suffixing `_2`, `_3` … when two names map to the same one. */
export function uniqueIdentifiers(names: readonly string[]): string[] {
  const used = new Map<string, number>();
  return names.map((name) => {
    const base = camelIdentifier(name);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}
