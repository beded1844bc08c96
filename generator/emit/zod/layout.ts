// Layout of emitted expressions: one line when short, else one item per line. Emitted strings
// are JSON-escaped and comments are one line, so a newline here is always layout, never content.

const WIDTH = 100;

/** Indents every line after the first by two spaces (the first is placed by the caller). */
export function indentTail(text: string): string {
  return text.replace(/\n/g, "\n  ");
}

/** One member of an object literal: `key: expr` or `...X.shape`, with an optional JSDoc line. */
export interface Entry {
  readonly doc?: string | undefined;
  readonly text: string;
}

/** `{ a: x, b: y }`, or one entry per line (with JSDoc) when long, commented or multi-line. */
export function objectLiteral(entries: readonly Entry[]): string {
  if (entries.length === 0) return "{}";
  const flat = `{ ${entries.map((e) => e.text).join(", ")} }`;
  if (flat.length <= WIDTH && !flat.includes("\n") && entries.every((e) => e.doc === undefined)) return flat;
  const lines = entries.map((e) => `${e.doc === undefined ? "" : `  ${e.doc}\n`}  ${indentTail(e.text)},`);
  return `{\n${lines.join("\n")}\n}`;
}

/** `[a, b]`, or one item per line when long or multi-line. */
export function arrayLiteral(items: readonly string[]): string {
  const flat = `[${items.join(", ")}]`;
  if (flat.length <= WIDTH && !flat.includes("\n")) return flat;
  return `[\n${items.map((i) => `  ${indentTail(i)},`).join("\n")}\n]`;
}

/** `z.intersection(a, b)` folded left over two or more expressions (never variadic: zod drops extra members). */
export function intersectionOf(exprs: readonly string[]): string {
  const [first, ...rest] = exprs;
  if (first === undefined) return "z.unknown()";
  return rest.reduce((acc, next) => `z.intersection(${acc}, ${next})`, first);
}

/** A JSON pointer segment (`~` → `~0`, `/` → `~1`), for warnings. */
export function pointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
