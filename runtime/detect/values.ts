// Value tests shared by the detectors: integers (numbers or integer text), booleans, URL-looking strings.

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

/** The integer `value` holds (a safe integer or integer text), or undefined. */
export function integerOf(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === "string" && INTEGER_TEXT.test(value)) {
    const parsed = Number(value.trim());
    return Number.isSafeInteger(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** True for an integer ≥ 0 (number or integer text). */
export function isCount(value: unknown): boolean {
  const n = integerOf(value);
  return n !== undefined && n >= 0;
}

/** True for an integer ≥ 1 (number or integer text). */
export function isPositive(value: unknown): boolean {
  const n = integerOf(value);
  return n !== undefined && n >= 1;
}

/** True for a JSON boolean. */
export function isBoolean(value: unknown): value is boolean {
  return typeof value === "boolean";
}

/** True for a string that is an absolute http(s) URL. */
export function isAbsoluteUrl(value: unknown): value is string {
  return typeof value === "string" && /^https?:\/\//i.test(value);
}

/** True for an absolute http(s) URL, a path starting with `/`, or a query starting with `?`. */
export function isUrlLike(value: unknown): value is string {
  return isAbsoluteUrl(value) || (typeof value === "string" && (value.startsWith("/") || value.startsWith("?")));
}

/**
 * True for a string or finite number that could be an opaque cursor: not empty and not a URL. With
 * `allowSlash`, only absolute URLs are excluded (base64 cursors may start with `/`).
 */
export function isCursorLike(value: unknown, allowSlash = false): value is string | number {
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "string" || value === "") return false;
  return allowSlash ? !isAbsoluteUrl(value) : !isUrlLike(value);
}
