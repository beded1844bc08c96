// Parser for the JSONPath subset: `$`, dotted keys, ['quoted'] keys, [*] / .* wildcards, [n] indexes.

/** One step of a compiled path. */
export type Segment = { readonly kind: "key"; readonly key: string } | { readonly kind: "index"; readonly index: number } | { readonly kind: "wildcard" };

/** A path outside the supported subset; names the path and the 0-based position. */
export class JsonPathSyntaxError extends SyntaxError {
  constructor(
    readonly path: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(`invalid JSONPath "${path}" at position ${position}: ${reason}`);
    this.name = "JsonPathSyntaxError";
  }
}

// Characters that end a dotted key; anything else (letters, digits, `-`, `_`, `@`, `$`, ...) is part of it.
const KEY_STOP = new Set([".", "[", "]", "'", '"', "*", "(", ")", "?", ",", ":", "|", "&", "=", "!", "<", ">", " ", "\t", "\n", "\r"]);
const INTEGER = /-?\d+/y;

/** Parses `path` into segments; throws JsonPathSyntaxError on anything outside the subset. */
export function parsePath(path: string): Segment[] {
  let i = 0;
  const segments: Segment[] = [];
  const fail = (position: number, reason: string): never => {
    throw new JsonPathSyntaxError(path, position, reason);
  };
  const unexpected = (position: number): never => {
    const c = path[position];
    if (c === undefined) return fail(position, "unexpected end of path");
    if (c === "?") return fail(position, "filters are not supported");
    if (c === "(") return fail(position, "script expressions are not supported");
    return fail(position, `unexpected character '${c}'`);
  };
  const readKey = (): Segment => {
    const start = i;
    while (i < path.length && !KEY_STOP.has(path[i] ?? "")) i++;
    if (i === start) unexpected(start);
    return { kind: "key", key: path.slice(start, i) };
  };
  const skipSpaces = (): void => {
    while (path[i] === " ") i++;
  };
  const readQuoted = (): Segment => {
    const start = i;
    const quote = path[i];
    let key = "";
    i++;
    while (i < path.length) {
      const c = path[i] ?? "";
      if (c === "\\") {
        const escaped = path[i + 1];
        if (escaped === undefined) break;
        key += escaped;
        i += 2;
      } else if (c === quote) {
        i++;
        return { kind: "key", key };
      } else {
        key += c;
        i++;
      }
    }
    return fail(start, "unterminated quoted key");
  };
  const readBracket = (): Segment => {
    i++; // '['
    skipSpaces();
    const c = path[i];
    let segment: Segment;
    if (c === "*") {
      i++;
      segment = { kind: "wildcard" };
    } else if (c === "'" || c === '"') {
      segment = readQuoted();
    } else if (c === ":") {
      return fail(i, "slices are not supported");
    } else {
      INTEGER.lastIndex = i;
      const match = INTEGER.exec(path);
      if (match === null) return c === "?" || c === "(" || c === undefined ? unexpected(i) : fail(i, "expected '*', an index or a quoted key");
      const index = Number(match[0]);
      if (!Number.isSafeInteger(index)) return fail(i, "index is too large");
      i += match[0].length;
      segment = { kind: "index", index };
    }
    skipSpaces();
    if (path[i] === ",") return fail(i, "unions are not supported");
    if (path[i] === ":") return fail(i, "slices are not supported");
    if (path[i] !== "]") return path[i] === undefined ? fail(i, "missing ']'") : fail(i, `expected ']' but found '${path[i]}'`);
    i++;
    return segment;
  };

  if (path.length === 0) fail(0, "the path is empty");
  if (path[0] === "$") {
    i = 1;
  } else if (path[0] === "[") {
    segments.push(readBracket());
  } else if (path[0] === "*") {
    i = 1;
    segments.push({ kind: "wildcard" });
  } else {
    segments.push(readKey());
  }
  while (i < path.length) {
    const c = path[i];
    if (c === "[") {
      segments.push(readBracket());
    } else if (c === ".") {
      i++;
      if (path[i] === ".") fail(i - 1, "recursive descent (..) is not supported");
      if (path[i] === "*") {
        i++;
        segments.push({ kind: "wildcard" });
      } else if (i >= path.length) {
        fail(i, "expected a key after '.'");
      } else {
        segments.push(readKey());
      }
    } else {
      unexpected(i);
    }
  }
  return segments;
}
