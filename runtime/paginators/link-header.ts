// A lenient RFC 8288 `Link` header parser: `<uri>; rel="next last"; title="x", <uri2>; rel=prev`.

/** One link of a Link header. */
export interface LinkValue {
  readonly uri: string;
  /** Relation types, lower-cased (a rel parameter may list several, space-separated). */
  readonly rels: readonly string[];
  /** Parameters by lower-cased name; the first occurrence of a name wins. */
  readonly params: ReadonlyMap<string, string>;
}

const SPACE = /[ \t]/;

/** Parses a Link header value (several headers joined by ", " are fine); malformed links are skipped. */
export function parseLinkHeader(value: string): LinkValue[] {
  const links: LinkValue[] = [];
  let i = 0;
  const n = value.length;
  const skipSpaces = (): void => {
    while (i < n && SPACE.test(value[i] ?? "")) i++;
  };
  const readQuoted = (): string => {
    let out = "";
    i++; // opening quote
    while (i < n && value[i] !== '"') {
      if (value[i] === "\\" && i + 1 < n) i++;
      out += value[i] ?? "";
      i++;
    }
    i++; // closing quote (or end)
    return out;
  };
  // Skips to just past the next comma that is outside quotes and <...>.
  const skipLink = (): void => {
    while (i < n && value[i] !== ",") {
      if (value[i] === '"') readQuoted();
      else if (value[i] === "<") {
        const close = value.indexOf(">", i);
        i = close < 0 ? n : close + 1;
      } else i++;
    }
    i++;
  };

  while (i < n) {
    skipSpaces();
    if (value[i] === ",") {
      i++;
      continue;
    }
    if (i >= n) break;
    const close = value[i] === "<" ? value.indexOf(">", i) : -1;
    if (close < 0) {
      skipLink();
      continue;
    }
    const uri = value.slice(i + 1, close).trim();
    i = close + 1;
    const params = new Map<string, string>();
    for (;;) {
      skipSpaces();
      if (value[i] !== ";") break;
      i++;
      skipSpaces();
      const nameStart = i;
      while (i < n && !/[=;,\s]/.test(value[i] ?? "")) i++;
      const name = value.slice(nameStart, i).toLowerCase();
      skipSpaces();
      let paramValue = "";
      if (value[i] === "=") {
        i++;
        skipSpaces();
        if (value[i] === '"') {
          paramValue = readQuoted();
        } else {
          const start = i;
          while (i < n && value[i] !== ";" && value[i] !== ",") i++;
          paramValue = value.slice(start, i).trim();
        }
      }
      if (name !== "" && !params.has(name)) params.set(name, paramValue);
    }
    skipLink(); // drops anything unparsable up to the next link
    const rels = (params.get("rel") ?? "")
      .toLowerCase()
      .split(/\s+/)
      .filter((rel) => rel !== "");
    links.push({ uri, rels, params });
  }
  return links;
}

/** The URI of the first link whose rel includes `rel` (case-insensitive), or undefined. */
export function findLink(value: string, rel: string): string | undefined {
  const wanted = rel.toLowerCase();
  return parseLinkHeader(value).find((link) => link.rels.includes(wanted))?.uri;
}
