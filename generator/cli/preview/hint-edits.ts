// `preview --write-columns`: the column hints the records support, written into the config's text in
// place (every other byte kept). A hint the user wrote is never changed: a missing data_type is filled
// in, a different one is kept and reported. New fields get `data_type`; a field seen only as null gets
// `nullable: true` (its type unknown); an object or list gets an empty hint (typed as JSON in the
// record schema, loaded as the loader unpacks it: flattened columns, a nested table).
import type { InferredColumn } from "../../../runtime/preview/infer-columns.ts";
import { type Located, member } from "./json-positions.ts";

export interface ResourceHints {
  /** Index of the resource in the config's `resources`. */
  readonly index: number;
  readonly resource: string;
  /** New fields and their hints, in the records' field order. */
  readonly add: readonly (readonly [field: string, hint: Readonly<Record<string, unknown>>])[];
  /** Hints the user wrote without a data_type, and the type written into them. */
  readonly setType: readonly (readonly [field: string, dataType: string])[];
  /** Hints kept though the records suggest another type: report lines. */
  readonly kept: readonly string[];
}

type Hint = Readonly<Record<string, unknown>>;

/** A hint the user wrote: in the resource itself (`own`, which may be filled in) or in resource_defaults (shared: left alone). */
export interface WrittenHint {
  readonly hint: Hint;
  readonly own: boolean;
}

/** The user's hints of one resource (`columns` as an object or a list), by field name. */
export function existingHints(resource: unknown, defaults: unknown): Map<string, WrittenHint> {
  const hints = new Map<string, WrittenHint>();
  for (const source of [defaults, resource]) {
    const columns = typeof source === "object" && source !== null ? (source as { columns?: unknown }).columns : undefined;
    const entries = Array.isArray(columns) ? columns.map((c: Hint) => [String(c.name), c] as const) : Object.entries((columns ?? {}) as Record<string, Hint>);
    for (const [field, hint] of entries) hints.set(field, { hint, own: source === resource });
  }
  return hints;
}

/** What to write for one resource, from its inferred columns and the hints it has. */
export function planHints(index: number, resource: string, inferred: readonly InferredColumn[], existing: ReadonlyMap<string, WrittenHint>): ResourceHints {
  const add: [string, Hint][] = [];
  const setType: [string, string][] = [];
  const kept: string[] = [];
  for (const column of inferred) {
    const written = existing.get(column.field);
    const hint = written?.hint;
    if (hint === undefined) {
      add.push([column.field, column.dataType !== null ? { data_type: column.dataType } : column.nested === null ? { nullable: true } : {}]);
    } else if (column.dataType !== null && hint.data_type === undefined && written?.own === true) {
      setType.push([column.field, column.dataType]);
    } else if (column.dataType !== null && hint.data_type !== column.dataType) {
      kept.push(`kept ${resource}.columns.${column.field} data_type ${String(hint.data_type)}; the records suggest ${column.dataType}`);
    }
  }
  return { index, resource, add, setType, kept };
}

interface Insertion {
  readonly at: number;
  readonly end: number;
  readonly text: string;
}

/** The indentation of the line `offset` is on, when only spaces precede it there; undefined otherwise. */
function indentAt(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

const json = (value: unknown) =>
  JSON.stringify(value)
    .replace(/^\{(.+)\}$/, "{ $1 }")
    .replace(/":/g, '": ')
    .replace(/,"/g, ', "');

/** Adds `members` (`"key": value` texts, or values in an array) at the end of an object or array, in its own layout. */
function appendMembers(text: string, node: Located, members: readonly string[]): Insertion {
  const children = node.kind === "object" ? node.entries.map((e) => ({ start: e.keyStart, end: e.value.end })) : node.kind === "array" ? node.items : [];
  const multiline = text.slice(node.start, node.end).includes("\n");
  const last = children.at(-1);
  if (last === undefined) {
    const indent = indentAt(text, node.start) ?? "";
    const inner = multiline || members.length > 1 ? `\n${members.map((m) => `${indent}  ${m}`).join(",\n")}\n${indent}` : ` ${members[0]} `;
    return { at: node.start + 1, end: node.end - 1, text: inner };
  }
  const indent = indentAt(text, (children[0] as { start: number }).start);
  if (multiline && indent !== undefined) return { at: last.end, end: last.end, text: members.map((m) => `,\n${indent}${m}`).join("") };
  return { at: last.end, end: last.end, text: members.map((m) => `, ${m}`).join("") };
}

/** The config text with every planned hint written; throws when the text is not the JSON the config was read from. */
export function applyHints(text: string, root: Located, plans: readonly ResourceHints[]): string {
  const resources = member(root, "resources");
  const insertions: Insertion[] = [];
  for (const plan of plans) {
    const node = resources?.kind === "array" ? resources.items[plan.index] : undefined;
    if (node === undefined) throw new Error(`resources[${plan.index}] not found in the config text`);
    if (node.kind === "scalar" && plan.add.length > 0) {
      // A resource given as its name alone becomes the object it stands for, with its columns.
      const columns = Object.fromEntries(plan.add.map(([field, hint]) => [field, hint]));
      const name = JSON.stringify(node.value);
      const body = Object.entries(columns).map(([f, h]) => `${JSON.stringify(f)}: ${json(h)}`);
      insertions.push({ at: node.start, end: node.end, text: `{ "name": ${name}, "endpoint": ${name}, "columns": { ${body.join(", ")} } }` });
    }
    if (node.kind === "scalar") continue;
    const columns = member(node, "columns");
    for (const [field, dataType] of plan.setType) {
      const hint =
        columns?.kind === "object"
          ? member(columns, field)
          : columns?.kind === "array"
            ? columns.items.find((c) => member(c, "name")?.kind === "scalar" && (member(c, "name") as { value: unknown }).value === field)
            : undefined;
      if (hint !== undefined) insertions.push(appendMembers(text, hint, [`"data_type": ${JSON.stringify(dataType)}`]));
    }
    if (plan.add.length === 0) continue;
    if (columns === undefined) {
      const indent = node.kind === "object" && node.entries[0] !== undefined ? (indentAt(text, node.entries[0].keyStart) ?? "") : "";
      const multiline = text.slice(node.start, node.end).includes("\n");
      const entries = plan.add.map(([field, hint]) => `${JSON.stringify(field)}: ${json(hint)}`);
      const value = multiline ? `{\n${entries.map((e) => `${indent}  ${e}`).join(",\n")}\n${indent}}` : `{ ${entries.join(", ")} }`;
      insertions.push(appendMembers(text, node, [`"columns": ${value}`]));
    } else {
      const members = plan.add.map(([field, hint]) => (columns.kind === "array" ? json({ name: field, ...hint }) : `${JSON.stringify(field)}: ${json(hint)}`));
      insertions.push(appendMembers(text, columns, members));
    }
  }
  let out = text;
  for (const insertion of insertions.sort((a, b) => b.at - a.at)) out = out.slice(0, insertion.at) + insertion.text + out.slice(insertion.end);
  return out;
}
