// An IncrementalSpec with dlt's defaults (cursor `updated_at`, no initial value), for tests that set only what they vary.
import type { IncrementalSpec } from "../../runtime/connector.ts";

/** dlt's defaults with `overrides` applied. */
export function incrementalSpec(overrides: Partial<IncrementalSpec> = {}): IncrementalSpec {
  return {
    cursorPath: "updated_at",
    initialValue: null,
    endValue: null,
    startParam: null,
    endParam: null,
    lastValueFunc: "max",
    rangeStart: "closed",
    rangeEnd: "open",
    lag: null,
    onCursorValueMissing: "raise",
    rowOrder: null,
    convert: null,
    ...overrides,
  };
}
