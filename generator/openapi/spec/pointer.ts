// JSON pointers (RFC 6901): building, splitting and following them through parsed JSON.

/** `a/b~c` → `a~1b~0c`. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `["paths", "/pets", "get"]` → `/paths/~1pets/get`. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${escapeToken(String(t))}`).join("");
}

/** `/paths/~1pets` → `["paths", "/pets"]`; undefined when it is not a pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pointer);
  } catch {
    return undefined;
  }
  return decoded
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The value at `tokens` in `root` (own properties only), or undefined. */
export function valueAt(root: unknown, tokens: readonly string[]): unknown {
  let value = root;
  for (const token of tokens) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, token)) return undefined;
    value = (value as Record<string, unknown>)[token];
  }
  return value;
}

/** Splits a `$ref` into its file part (may be empty) and its pointer (`""` for the whole file). */
export function splitRef(ref: string): { readonly file: string; readonly pointer: string } {
  const hash = ref.indexOf("#");
  return hash < 0 ? { file: ref, pointer: "" } : { file: ref.slice(0, hash), pointer: ref.slice(hash + 1) };
}
