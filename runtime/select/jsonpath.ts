// A small JSONPath subset, compiled once and evaluated without eval.
import { parsePath, type Segment } from "./jsonpath-parse.ts";

export { JsonPathSyntaxError } from "./jsonpath-parse.ts";

/** A compiled path: returns every match in document order (empty when nothing matches). */
export type CompiledPath = (value: unknown) => unknown[];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function step(nodes: readonly unknown[], segment: Segment): unknown[] {
  const out: unknown[] = [];
  for (const node of nodes) {
    if (segment.kind === "key") {
      if (isObject(node) && Object.hasOwn(node, segment.key)) out.push(node[segment.key]);
    } else if (segment.kind === "index") {
      if (Array.isArray(node)) {
        const index = segment.index < 0 ? node.length + segment.index : segment.index;
        if (index >= 0 && index < node.length) out.push(node[index]);
      }
    } else if (Array.isArray(node)) {
      for (const item of node) out.push(item);
    } else if (isObject(node)) {
      for (const item of Object.values(node)) out.push(item);
    }
  }
  return out;
}

/** Compiles `path` (throws JsonPathSyntaxError when invalid) into a function returning all matches. */
export function compilePath(path: string): CompiledPath {
  const segments = parsePath(path);
  return (value) => {
    let nodes: unknown[] = [value];
    for (const segment of segments) {
      nodes = step(nodes, segment);
      if (nodes.length === 0) break;
    }
    return nodes;
  };
}

const cache = new Map<string, CompiledPath>();

/** The first match of `path` in `body`, or undefined when nothing matches (compiled paths are cached). */
export function getPath(body: unknown, path: string): unknown {
  let compiled = cache.get(path);
  if (compiled === undefined) {
    compiled = compilePath(path);
    cache.set(path, compiled);
  }
  return compiled(body)[0];
}
