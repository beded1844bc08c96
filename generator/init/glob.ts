// `--include` patterns: globs on an endpoint's path or its resource name. `*` matches within one
// path segment, `**` across segments, `?` one character; everything else is literal.

function toRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*" && pattern[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (ch === "*") source += "[^/]*";
    else if (ch === "?") source += "[^/]";
    else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** A predicate true when any pattern matches the path or the name; all-true without patterns. */
export function includeMatcher(patterns: readonly string[]): (path: string, name: string) => boolean {
  if (patterns.length === 0) return () => true;
  const regexps = patterns.map(toRegExp);
  return (path, name) => regexps.some((r) => r.test(path) || r.test(name));
}
