// Response actions (dlt's response_actions, declarative form): the first matching action wins.
import type { ResponseActionKind, ResponseActionSpec } from "../connector.ts";

/** A matched action, its 0-based position in the configured list, and what it decided. */
export interface MatchedAction {
  readonly index: number;
  readonly spec: ResponseActionSpec;
  readonly kind: ResponseActionKind;
}

/**
 * The first action whose status (null = any) equals `status` and whose content (null = any) is in
 * `body`; a `$hook` action then decides, and deciding nothing (undefined) lets the next one try.
 */
export function matchResponseAction(
  actions: readonly ResponseActionSpec[],
  status: number,
  body: string,
  headers: Headers = new Headers(),
): MatchedAction | undefined {
  for (const [index, spec] of actions.entries()) {
    if ((spec.statusCode !== null && spec.statusCode !== status) || (spec.content !== null && !body.includes(spec.content))) continue;
    const kind = typeof spec.action === "function" ? spec.action({ status, headers, body }) : spec.action;
    if (kind !== undefined) return { index, spec, kind };
  }
  return undefined;
}

/** e.g. `response action #2 (status_code 200, content "rate limit") → retry` (content cut at 80 chars). */
export function describeAction({ index, spec, kind }: MatchedAction): string {
  const content = spec.content === null ? null : spec.content.length > 80 ? `${spec.content.slice(0, 80)}…` : spec.content;
  const conditions = [
    ...(spec.statusCode === null ? [] : [`status_code ${spec.statusCode}`]),
    ...(content === null ? [] : [`content ${JSON.stringify(content)}`]),
  ];
  return `response action #${index + 1} (${conditions.length === 0 ? "any response" : conditions.join(", ")}) → ${typeof spec.action === "function" ? `${kind} (decided by its hook)` : kind}`;
}
