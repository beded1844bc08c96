// Resolves endpoint.incremental.window (our addition) into a WindowSpec: ISO-8601 durations for date
// cursors, numbers for numeric ones, judged by initial_value; every refusal is an issue with its path.
import type { ConfigIssue } from "../../runtime/errors.ts";
import type { WindowSpec } from "../../runtime/connector.ts";
import { parseDuration } from "../../runtime/incremental/duration.ts";
import { parseIso } from "../../runtime/incremental/iso.ts";
import { splitWindows } from "../../runtime/incremental/windows.ts";
import type { EndpointConfig } from "../config/schema.ts";

type IncrementalConfig = NonNullable<EndpointConfig["incremental"]>;

/** The window, or undefined (with issues pushed) when it is absent or refused. */
export function resolveWindow(config: IncrementalConfig, at: string, issues: ConfigIssue[]): WindowSpec | undefined {
  const window = config.window;
  if (window === undefined) return undefined;
  const where = `${at}.window`;
  // A `$param` initial value is judged by its default (the cursor's type decides the windows).
  const given = config.initial_value;
  const initial = typeof given === "object" ? given.default : given;
  if (initial === undefined || typeof initial === "boolean") {
    const param = typeof given === "object" ? " (a $param initial_value needs a string or number default here)" : "";
    issues.push({ path: where, message: `a window needs initial_value: where the first run starts${param}` });
    return undefined;
  }
  const dates = typeof initial === "string";
  if (dates && parseIso(initial) === null) {
    issues.push({ path: where, message: `a window needs a date or number cursor; initial_value ${JSON.stringify(initial)} is neither` });
    return undefined;
  }
  if (!dates && config.end_value === undefined) {
    issues.push({ path: where, message: 'a window over a number cursor needs end_value ("now" is a time)' });
  }
  const amount = (value: string | number | undefined, key: string): number | undefined => {
    if (value === undefined) return 0;
    if (dates !== (typeof value === "string")) {
      issues.push({
        path: `${where}.${key}`,
        message: dates ? "expected an ISO-8601 duration such as P1D (the cursor is a date)" : "expected a number (the cursor is a number)",
      });
      return undefined;
    }
    const parsed = typeof value === "string" ? parseDuration(value) : value;
    if (typeof parsed !== "number") issues.push({ path: `${where}.${key}`, message: parsed.error });
    else if (key === "step" && parsed <= 0) issues.push({ path: `${where}.step`, message: "must be more than zero" });
    else return parsed;
    return undefined;
  };
  const step = amount(window.step, "step");
  const lookback = amount(window.lookback, "lookback");
  if (step === undefined || lookback === undefined) return undefined;
  const spec = { step, lookback };
  if (config.end_value !== undefined) {
    try {
      splitWindows(initial, config.end_value, spec, config.cursor_path);
    } catch (error) {
      issues.push({ path: where, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }
  return spec;
}
