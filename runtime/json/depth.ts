// How deeply a parsed JSON value nests, measured without recursion: the gate that keeps hostile bodies
// (arrays nested 100,000 deep) away from the recursive code after it (selection, detection,
// normalization, stringify), which then only ever sees values nested as deep as the limit allows.

import { ExactDecimal } from "./exact-decimal.ts";

/** Path segments shown before `…`: enough to find the place, short for 100,000 levels. */
const SHOWN_SEGMENTS = 6;
const PLAIN_KEY = /^[A-Za-z_]\w{0,39}$/;

/**
 * A JSONPath to the first array or object (depth-first) nested more than `max` levels deep in
 * `value` (a top-level array or object is level 1), or null when none is. Iterative.
 */
export function findTooDeep(value: unknown, max: number): string | null {
  return nestsDeeper(value, max) ? pathTooDeep(value, max) : null;
}

/** Whether `value` nests deeper than `max`: the fast pass every page takes (no path kept). */
function nestsDeeper(value: unknown, max: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  const stack: object[] = [value];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const node = stack.pop() as object;
    const depth = depths.pop() as number;
    if (depth > max) return true;
    if (Array.isArray(node)) {
      for (const item of node as unknown[]) {
        if (isContainer(item)) {
          stack.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in node) {
        const item: unknown = (node as Record<string, unknown>)[key];
        if (isContainer(item)) {
          stack.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

/** The path to the first container (depth-first, in document order) deeper than `max`, for the message. */
function pathTooDeep(value: unknown, max: number): string | null {
  if (typeof value !== "object" || value === null) return null;
  // The walk's stack (a container, its depth, its index in the visited lists) ...
  const stack: object[] = [value];
  const depths: number[] = [1];
  const parentOf: number[] = [-1];
  const keyOf: (string | number)[] = [""];
  // ... and every visited container's parent and key, to spell the path once one is too deep.
  const visitedParent: number[] = [];
  const visitedKey: (string | number)[] = [];
  while (stack.length > 0) {
    const node = stack.pop() as object;
    const depth = depths.pop() as number;
    const at = visitedParent.push(parentOf.pop() as number) - 1;
    visitedKey.push(keyOf.pop() as string | number);
    if (depth > max) return pathOf(visitedParent, visitedKey, at);
    // Children pushed last to first, so the walk (and the path reported) goes in document order.
    const names = Array.isArray(node) ? null : Object.keys(node);
    for (let i = (names === null ? (node as unknown[]).length : names.length) - 1; i >= 0; i--) {
      const key = names === null ? i : (names[i] as string);
      const item: unknown = (node as Record<string | number, unknown>)[key];
      if (!isContainer(item)) continue;
      stack.push(item);
      depths.push(depth + 1);
      parentOf.push(at);
      keyOf.push(key);
    }
  }
  return null;
}

/** An array or object of the JSON; an ExactDecimal (a number parsed exactly) is a leaf. */
function isContainer(item: unknown): item is object {
  return typeof item === "object" && item !== null && !(item instanceof ExactDecimal);
}

function pathOf(parents: readonly number[], keys: readonly (string | number)[], at: number): string {
  const segments: string[] = [];
  for (let i = at; i > 0; i = parents[i] as number) {
    const key = keys[i] as string | number;
    segments.push(typeof key === "number" ? `[${key}]` : PLAIN_KEY.test(key) ? `.${key}` : "[…]");
  }
  segments.reverse();
  return `$${segments.slice(0, SHOWN_SEGMENTS).join("")}${segments.length > SHOWN_SEGMENTS ? "…" : ""}`;
}
