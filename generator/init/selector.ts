// Is a GET a list endpoint, and where are its records? A bare array is the records; an envelope
// object (not an entity: no `id`) holds them in its least-nested array of objects, tie-broken by name.
import { normalizeName } from "../../runtime/vocabulary/names.ts";
import { ENVELOPE_NAMES, RECORD_LIST_NAMES } from "../../runtime/vocabulary/records.ts";
import type { LoadedSpec } from "../openapi/spec/load.ts";
import { jsonPath } from "./jsonpath.ts";
import { pathWords } from "./names.ts";
import { arrayItems, isObjectLike, objectView, schemaType } from "./schema-view.ts";

export interface ListShape {
  /** JSONPath of the records (`$` for a bare array). */
  readonly selector: string;
  readonly tokens: readonly string[];
  /** The record (item) schema. */
  readonly items: unknown;
  readonly evidence: string;
}

const MAX_DEPTH = 3;

interface Candidate {
  readonly tokens: string[];
  readonly items: unknown;
}

function candidates(spec: LoadedSpec, schema: unknown): Candidate[] {
  let level: { tokens: string[]; schema: unknown }[] = [{ tokens: [], schema }];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const found: Candidate[] = [];
    const next: typeof level = [];
    for (const node of level) {
      const view = objectView(spec, node.schema);
      if (view.props.has("id")) continue;
      for (const [name, prop] of view.props) {
        const tokens = [...node.tokens, name];
        const type = schemaType(spec, prop);
        if (type === "array") {
          const items = arrayItems(spec, prop);
          if (schemaType(spec, items) === "object") found.push({ tokens, items });
        } else if (type === "object" && !ENVELOPE_NAMES.has(name)) {
          next.push({ tokens, schema: prop });
        }
      }
    }
    if (found.length > 0) return found;
    level = next;
  }
  return [];
}

/** The records of a GET response; undefined when it is not a list of objects; `ambiguous` when it cannot tell. */
export function findList(spec: LoadedSpec, path: string, schema: unknown): ListShape | { readonly ambiguous: string } | undefined {
  const type = schemaType(spec, schema);
  if (type === "array") {
    const items = arrayItems(spec, schema);
    return isObjectLike(spec, items) ? { selector: "$", tokens: [], items, evidence: "the response is an array" } : undefined;
  }
  if (type !== "object" && type !== undefined) return undefined;
  // A single entity (`/tickets/{id}`) may hold arrays of objects; they are not a list endpoint.
  if (/\/\{[^}]*\}[^/]*$/.test(path)) return undefined;
  const found = candidates(spec, schema);
  if (found.length === 0) return undefined;
  const words = pathWords(path).reverse().map(normalizeName);
  const preferred = [...RECORD_LIST_NAMES.names, ...words];
  const rank = (c: Candidate) => {
    const i = preferred.indexOf(normalizeName(c.tokens.at(-1)!));
    return i < 0 ? preferred.length : i;
  };
  const sorted = [...found].sort((a, b) => rank(a) - rank(b));
  const best = sorted[0]!;
  const selector = jsonPath(best.tokens);
  const where =
    found.length === 1 ? "the only array of objects in the response" : `the one named like records among ${found.map((c) => jsonPath(c.tokens)).join(", ")}`;
  const shape = { selector, tokens: best.tokens, items: best.items, evidence: `records at ${selector}: ${where}` };
  if (rank(best) === preferred.length && (found.length > 1 || best.tokens.length > 1)) {
    // An object holding several unnamed arrays (or one deep inside) is an entity, not a page of records.
    return {
      ambiguous: `not treated as a list: ${found.length > 1 ? "several arrays of objects" : "only a nested array of objects"} (${found.map((c) => jsonPath(c.tokens)).join(", ")}) and none named like records (${RECORD_LIST_NAMES.names.join(", ")} or a path word)`,
    };
  }
  return shape;
}
