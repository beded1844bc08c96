// Path templates as segments, for matching a config endpoint path (`/tickets/{resources.t.id}`,
// `/users/5`) against a spec path (`/tickets/{ticket_id}`). A placeholder of either side is a hole;
// a hole matches a hole, and a spec hole also matches a literal config segment (a bound value).
import { parseTemplate, TemplateSyntaxError } from "../../runtime/interpolate/template.ts";

/** A segment with every placeholder replaced by HOLE. */
type Segment = string;

const HOLE = "\u0000";
const SPEC_PARAM = /\{[^{}/]*\}/g;

function split(path: string): Segment[] {
  return path.split("/").filter((s) => s !== "");
}

/** The path part of a URL or path (no scheme, host, query or fragment). */
export function pathnameOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").replace(/[?#].*$/s, "");
}

/** A config endpoint path (placeholders in the runtime's template syntax) as segments. */
export function configSegments(path: string): Segment[] {
  let text = "";
  try {
    for (const part of parseTemplate(pathnameOf(path))) text += typeof part === "string" ? part.replaceAll(HOLE, "") : HOLE;
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    text = pathnameOf(path); // already reported by the model; match it as literal text
  }
  return split(text);
}

/** A spec path template (`/pets/{petId}`) or server URL path as segments. */
export function specSegments(path: string): Segment[] {
  return split(pathnameOf(path).replaceAll(HOLE, "").replace(SPEC_PARAM, HOLE));
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

/** How well a config segment matches a spec segment: 2 identical, 1 a literal filling spec holes, 0 none. */
function segmentScore(config: Segment, spec: Segment): number {
  if (config === spec) return 2;
  if (config.includes(HOLE) || !spec.includes(HOLE)) return 0;
  const pattern = new RegExp(`^${spec.split(HOLE).map(escapeRegExp).join("[^/]+")}$`, "s");
  return pattern.test(config) ? 1 : 0;
}

/** The match score of two segment lists (higher is closer), or undefined when they do not match. */
export function matchScore(config: readonly Segment[], spec: readonly Segment[]): number | undefined {
  if (config.length !== spec.length) return undefined;
  let score = 0;
  for (const [i, segment] of config.entries()) {
    const s = segmentScore(segment, spec[i]!);
    if (s === 0) return undefined;
    score += s;
  }
  return score;
}

/** A readable form of segments (holes as `{}`), for distances and messages. */
export function canonical(segments: readonly Segment[]): string {
  return `/${segments.join("/").replaceAll(HOLE, "{}")}`;
}

/** Levenshtein distance (small strings: paths). */
export function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
