// Response actions (dlt's response_actions, declarative form): the first matching action wins.
import type { ResponseActionSpec } from "../spec.ts";

/** A matched action and its 0-based position in the configured list. */
export interface MatchedAction {
  readonly index: number;
  readonly spec: ResponseActionSpec;
}

/** The first action whose status (null = any) equals `status` and whose content (null = any) is in `body`. */
export function matchResponseAction(actions: readonly ResponseActionSpec[], status: number, body: string): MatchedAction | undefined {
  const index = actions.findIndex(
    (spec) => (spec.statusCode === null || spec.statusCode === status) && (spec.content === null || body.includes(spec.content)),
  );
  const spec = actions[index];
  return spec === undefined ? undefined : { index, spec };
}

/** e.g. `response action #2 (status_code 200, content "rate limit") → retry` (content cut at 80 chars). */
export function describeAction({ index, spec }: MatchedAction): string {
  const content = spec.content === null ? null : spec.content.length > 80 ? `${spec.content.slice(0, 80)}…` : spec.content;
  const conditions = [
    ...(spec.statusCode === null ? [] : [`status_code ${spec.statusCode}`]),
    ...(content === null ? [] : [`content ${JSON.stringify(content)}`]),
  ];
  return `response action #${index + 1} (${conditions.length === 0 ? "any response" : conditions.join(", ")}) → ${spec.action}`;
}
