// The components the record schemas reach, in emission order (a component after everything it
// uses directly), and the back-edges: references that close a cycle, emitted as `z.lazy`. A
// depth-first walk from the records in resource order; a reference to a component still on the
// walk's stack is a back-edge. Deterministic: it follows document order.
import { componentIdentifiers } from "../component-names.ts";
import { refsIn } from "../../openapi/refs.ts";

export interface ComponentPlan {
  /** Referenced `$ref`s, dependencies first. */
  readonly order: readonly string[];
  /** `$ref` → exported identifier. */
  readonly names: ReadonlyMap<string, string>;
  readonly backEdges: ReadonlySet<string>;
}

/** Plans the components reachable from `roots` (record schemas); `resolve` gives a `$ref`'s schema. */
export function planComponents(resolve: (ref: string) => unknown, roots: readonly unknown[]): ComponentPlan {
  const state = new Map<string, "active" | "done">();
  const order: string[] = [];
  const backEdges = new Set<string>();
  const edges = new Map<string, string[]>();
  const edgesOf = (ref: string): string[] => {
    let out = edges.get(ref);
    if (out === undefined) {
      out = refsIn(resolve(ref));
      edges.set(ref, out);
    }
    return out;
  };
  // Iterative, so that long reference chains cannot overflow the stack.
  const visit = (start: string): void => {
    const stack: { ref: string; next: number }[] = [];
    const enter = (ref: string): void => {
      const seen = state.get(ref);
      if (seen === "active") backEdges.add(ref);
      if (seen !== undefined) return;
      state.set(ref, "active");
      stack.push({ ref, next: 0 });
    };
    enter(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = edgesOf(top.ref);
      if (top.next < targets.length) {
        enter(targets[top.next++]!);
        continue;
      }
      stack.pop();
      state.set(top.ref, "done");
      order.push(top.ref);
    }
  };
  for (const root of roots) for (const ref of refsIn(root)) visit(ref);
  return { order, names: componentIdentifiers(order), backEdges };
}
