// A JSON parser that keeps where each value sits in the text, so a config can be edited in place:
// new keys inserted where they belong, every other byte (the user's layout, order, spacing) kept.
// Strict JSON, as the config loader reads it; a syntax error throws (the loader has reported it first).

/** An object's member: its key, where the key starts, its value. */
export interface Entry {
  readonly key: string;
  readonly keyStart: number;
  readonly value: Located;
}

export type Located =
  | { readonly kind: "object"; readonly start: number; readonly end: number; readonly entries: readonly Entry[] }
  | { readonly kind: "array"; readonly start: number; readonly end: number; readonly items: readonly Located[] }
  | { readonly kind: "scalar"; readonly start: number; readonly end: number; readonly value: unknown };

// biome-ignore lint/suspicious/noControlCharactersInRegex: raw control characters are not allowed in JSON strings
const SCALAR = /"(?:[^"\\\u0000-\u001f]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Parses `text` (strict JSON) into located values; `end` is the offset after each value. */
export function parseLocated(text: string): Located {
  let at = 0;
  const space = () => {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
  };
  const fail = (what: string): never => {
    throw new SyntaxError(`expected ${what} at offset ${at}`);
  };
  const expect = (char: string) => {
    space();
    if (text[at] !== char) fail(JSON.stringify(char));
    at++;
  };
  const value = (): Located => {
    space();
    const start = at;
    const char = text[at];
    if (char === "{") {
      at++;
      const entries: Entry[] = [];
      space();
      if (text[at] === "}") return { kind: "object", start, end: ++at, entries };
      for (;;) {
        const key = value();
        if (key.kind !== "scalar" || typeof key.value !== "string") return fail("a key");
        expect(":");
        entries.push({ key: key.value, keyStart: key.start, value: value() });
        space();
        if (text[at] === "}") return { kind: "object", start, end: ++at, entries };
        expect(",");
      }
    }
    if (char === "[") {
      at++;
      const items: Located[] = [];
      space();
      if (text[at] === "]") return { kind: "array", start, end: ++at, items };
      for (;;) {
        items.push(value());
        space();
        if (text[at] === "]") return { kind: "array", start, end: ++at, items };
        expect(",");
      }
    }
    SCALAR.lastIndex = at;
    const match = SCALAR.exec(text);
    if (match === null) return fail("a value");
    at += match[0].length;
    return { kind: "scalar", start, end: at, value: JSON.parse(match[0]) };
  };
  const root = value();
  space();
  if (at !== text.length) fail("the end of the text");
  return root;
}

/** The value of `key` in a located object; undefined when absent or not an object. */
export function member(node: Located | undefined, key: string): Located | undefined {
  return node?.kind === "object" ? node.entries.find((e) => e.key === key)?.value : undefined;
}
