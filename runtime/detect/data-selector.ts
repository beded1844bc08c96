// detectDataSelector: where the records sit in a response body (dlt §1.9, without "first list wins").
import { jsonTypeName } from "../select/describe.ts";
import { ENVELOPE_NAMES, RECORD_LIST_NAMES } from "../vocabulary/records.ts";
import { isPlainObject, scanBody, type BodyEntry } from "./body-scan.ts";
import { formatPath } from "./path-format.ts";
import { compareKeys } from "./pick.ts";

/** A detected data selector and why it was chosen. */
export interface DataSelectorDetection {
  /** JSONPath in the runtime's subset (`$` = the whole body). */
  readonly path: string;
  readonly reason: string;
}

const MAX_DEPTH = 3;

type ListKind = "objects" | "empty" | "scalars";

const KIND_TEXT: Readonly<Record<ListKind, string>> = {
  objects: "list of objects",
  empty: "empty list",
  scalars: "list of non-object values",
};

interface Candidate {
  readonly entry: BodyEntry;
  readonly kind: ListKind;
  readonly named: boolean;
  readonly rank: readonly number[];
}

function listKind(list: readonly unknown[]): ListKind {
  if (list.length === 0) return "empty";
  const present = list.filter((item) => item !== null);
  return present.length > 0 && present.every(isPlainObject) ? "objects" : "scalars";
}

// Named lists of objects, then named empty lists, unnamed lists of objects, unnamed empty lists,
// named lists of scalars, unnamed lists of scalars.
function tier(kind: ListKind, named: boolean): number {
  if (kind === "scalars") return named ? 4 : 5;
  if (named) return kind === "objects" ? 0 : 1;
  return kind === "objects" ? 2 : 3;
}

function candidate(entry: BodyEntry, list: readonly unknown[]): Candidate {
  const kind = listKind(list);
  const named = RECORD_LIST_NAMES.has(entry.name);
  const enveloped = entry.keys.some((key) => ENVELOPE_NAMES.has(key)) ? 1 : 0; // lists in envelopes rank after every other list
  return { entry, kind, named, rank: [enveloped, tier(kind, named), entry.depth, entry.order] };
}

function describe(chosen: Candidate, all: readonly Candidate[]): string {
  const path = formatPath(chosen.entry.keys);
  const kind = KIND_TEXT[chosen.kind];
  const sameKind = all.filter((c) => c.kind === chosen.kind).length;
  let text: string;
  if (sameKind === 1) text = `the only ${kind}, at \`${path}\``;
  else if (chosen.named) text = `the ${kind} with a record-list name, at \`${path}\``;
  else text = `the shallowest ${kind}, at \`${path}\``;
  const others = all.filter((c) => c !== chosen).map((c) => `\`${formatPath(c.entry.keys)}\``);
  if (others.length > 0) text += ` (also found ${others.slice(0, 3).join(", ")}${others.length > 3 ? ", …" : ""})`;
  return text;
}

/** Where the records are in `body`: a path in the runtime's JSONPath subset and the reason for it. */
export function detectDataSelector(body: unknown): DataSelectorDetection {
  if (Array.isArray(body)) return { path: "$", reason: "the response is a list, so the whole body is the records" };
  if (!isPlainObject(body)) return { path: "$", reason: `the response is ${jsonTypeName(body)}, not an object, so the whole body is used` };
  const candidates: Candidate[] = [];
  for (const entry of scanBody(body, MAX_DEPTH)) {
    if (Array.isArray(entry.value)) candidates.push(candidate(entry, entry.value));
  }
  let chosen: Candidate | undefined;
  for (const c of candidates) if (chosen === undefined || compareKeys(c.rank, chosen.rank) < 0) chosen = c;
  if (chosen === undefined) return { path: "$", reason: `no list within ${MAX_DEPTH} levels, so the whole object is one record` };
  return { path: formatPath(chosen.entry.keys), reason: describe(chosen, candidates) };
}
