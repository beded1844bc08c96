// Resolves endpoint.incremental into an IncrementalSpec with dlt's defaults.
import type { ConfigIssue } from "../../runtime/errors.ts";
import type { IncrementalSpec } from "../../runtime/connector.ts";
import type { EndpointConfig } from "../config/schema.ts";
import { HookRef } from "./hook.ts";
import { resolveWindow } from "./window.ts";

/** dlt's defaults; `end_value` needs `initial_value` (a bounded, stateless window). */
export function resolveIncremental(config: EndpointConfig["incremental"], at: string, issues: ConfigIssue[]): IncrementalSpec | null {
  if (config === undefined) return null;
  if (config.end_value !== undefined && config.initial_value === undefined) {
    issues.push({ path: `${at}.end_value`, message: "end_value was specified without initial_value" });
  }
  const window = resolveWindow(config, at, issues);
  const initial = config.initial_value;
  const param = typeof initial === "object" ? initial : undefined;
  if (typeof param?.default === "boolean") issues.push({ path: `${at}.initial_value.default`, message: "expected a string or a number (a cursor value)" });
  if (param?.type === "boolean") issues.push({ path: `${at}.initial_value.type`, message: "expected string or number (a cursor value)" });
  return {
    ...(window === undefined ? {} : { window }),
    cursorPath: config.cursor_path,
    initialValue: typeof initial !== "object" ? (initial ?? null) : typeof initial.default === "boolean" ? null : (initial.default ?? null),
    ...(param === undefined ? {} : { initialParam: param.$param }),
    endValue: config.end_value ?? null,
    startParam: config.start_param ?? null,
    endParam: config.end_param ?? null,
    lastValueFunc: config.last_value_func ?? "max",
    rangeStart: config.range_start ?? "closed",
    rangeEnd: config.range_end ?? "open",
    lag: config.lag ?? null,
    onCursorValueMissing: config.on_cursor_value_missing ?? "raise",
    rowOrder: config.row_order ?? null,
    convert:
      config.convert === undefined
        ? null
        : typeof config.convert === "string"
          ? config.convert
          : HookRef.parse(config.convert).as<(value: string | number) => string | number>(),
  };
}
