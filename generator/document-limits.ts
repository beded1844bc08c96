// Limits on a parsed config or spec document, checked once, without recursion, before any recursive
// code walks it: nesting depth (a schema nested 50,000 deep would overflow the stack) and the size
// YAML aliases expand it to (js-yaml shares an aliased node rather than copying it, so a 1.4 KB
// "billion laughs" document loads in microseconds, but every walk after it visits 10^9 nodes).

/** The deepest nesting of objects and arrays accepted (a top-level object is level 1). */
export const MAX_DOCUMENT_DEPTH = 256;
/** Nodes the document may count once its aliases are expanded: this many, or twice its own nodes. */
export const MAX_EXPANDED_NODES = 1_000_000;

/** Expanded sizes stop growing here (a few more alias levels would reach Infinity). */
const SATURATED = 1e15;
/** 256 levels of `/properties/a` would fill the screen: the first keys say where. */
const SHOWN_KEYS = 16;

/** What is wrong with the document and where. */
export class DocumentLimitError extends Error {
  /** A JSON pointer (`""` for the root), ending in `/…` when shortened. */
  readonly pointer: string;
  constructor(
    /** The keys leading to the place, at most SHOWN_KEYS of them, then `…`. */
    readonly path: readonly (string | number)[],
    readonly reason: string,
  ) {
    const pointer = path.map((key) => `/${typeof key === "number" || key === "…" ? key : key.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
    super(`${pointer === "" ? "" : `at ${pointer}: `}${reason}`);
    this.pointer = pointer;
  }
}

/** Walk state per container: its nodes counted as a tree once all its children are done. */
interface Frame {
  readonly node: object;
  readonly children: unknown[];
  readonly keys: (string | number)[];
  next: number;
  size: number;
}

/**
 * Throws DocumentLimitError when `document` nests deeper than MAX_DOCUMENT_DEPTH, contains itself
 * (a YAML alias to an enclosing node) or expands to more than max(MAX_EXPANDED_NODES, 2 × its own
 * nodes). A post-order walk with an explicit stack; each shared node is sized once.
 */
export function checkDocumentLimits(document: unknown): void {
  if (typeof document !== "object" || document === null) return;
  const sizes = new Map<object, number>(); // expanded size of each finished container
  const open = new Set<object>(); // containers on the current path
  const stack: Frame[] = [];
  let distinct = 0;
  const enter = (node: object): void => {
    if (stack.length >= MAX_DOCUMENT_DEPTH)
      throw new DocumentLimitError(pathOf(stack, true), `objects and arrays nested more than ${MAX_DOCUMENT_DEPTH} levels deep`);
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    const children = Array.isArray(node) ? [...(node as unknown[])] : Object.values(node);
    stack.push({ node, children, keys, next: 0, size: 1 });
    open.add(node);
    distinct++;
  };
  enter(document);
  let expanded = 0;
  let firstTooBig: (string | number)[] = []; // the smallest subtree already past the limit: where the expansion is
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      if (typeof child !== "object" || child === null) {
        frame.size++;
        distinct++;
        continue;
      }
      if (open.has(child)) throw new DocumentLimitError(pathOf(stack, true), "a YAML alias refers to a node that contains it (the document would be infinite)");
      const known = sizes.get(child);
      if (known === undefined) enter(child);
      else frame.size = Math.min(frame.size + known, SATURATED);
      continue;
    }
    if (firstTooBig.length === 0 && frame.size > MAX_EXPANDED_NODES) firstTooBig = pathOf(stack, false);
    stack.pop();
    open.delete(frame.node);
    sizes.set(frame.node, frame.size);
    const parent = stack[stack.length - 1];
    if (parent === undefined) expanded = frame.size;
    else parent.size = Math.min(parent.size + frame.size, SATURATED);
  }
  if (expanded > Math.max(MAX_EXPANDED_NODES, 2 * distinct)) throw new DocumentLimitError(firstTooBig, tooBig(expanded, distinct));
}

function tooBig(expanded: number, distinct: number): string {
  const count = expanded >= SATURATED ? `more than ${SATURATED.toLocaleString("en-US")}` : expanded.toLocaleString("en-US");
  return `YAML aliases expand the document to ${count} nodes from the ${distinct.toLocaleString("en-US")} it is written with, more than the limit of ${MAX_EXPANDED_NODES.toLocaleString("en-US")} or twice its own size (a "billion laughs" document?)`;
}

/** The keys to the container on top of `stack` (with `child`: to the child it is visiting), shortened. */
function pathOf(stack: readonly Frame[], child: boolean): (string | number)[] {
  const path: (string | number)[] = [];
  for (let i = 1; i < stack.length + (child ? 1 : 0); i++) {
    if (path.length === SHOWN_KEYS) return [...path, "…"];
    const parent = stack[i - 1] as Frame;
    path.push(parent.keys[parent.next - 1] ?? "");
  }
  return path;
}
