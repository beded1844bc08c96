// Decimal numbers as text: the accepted syntax and how many digits a value needs before and after the point.

/** A decimal number as text: optional sign, digits with an optional point, an optional exponent (`-12.5`, `.5`, `1e-7`). */
export const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The digits a value needs in plain notation, leading zeros of the integer part and trailing zeros of the fraction left out. */
export interface DecimalDigits {
  /** Digits before the point (`0` for `0.5`, 21 for `1e20`). */
  readonly integer: number;
  /** Digits after the point (9 for `1.000000001`, 0 for `2.50e1`). */
  readonly fraction: number;
}

const PARTS = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** The integer and fraction digits `text` needs (both 0 for zero); null when `text` is not DECIMAL_TEXT. */
export function decimalDigits(text: string): DecimalDigits | null {
  if (!DECIMAL_TEXT.test(text)) return null;
  const [, int = "", frac = "", exp] = PARTS.exec(text) ?? [];
  const coefficient = int + frac;
  const first = coefficient.search(/[1-9]/);
  if (first < 0) return { integer: 0, fraction: 0 };
  const significant = coefficient.replace(/0+$/, "").length - first;
  // Where the point falls, counted from the first significant digit (a huge exponent gives a huge count).
  const point = int.length + (exp === undefined ? 0 : Number(exp)) - first;
  return { integer: Math.max(0, point), fraction: Math.max(0, significant - point) };
}

/** A canonical key for the value of `text` (equal keys, equal values; `1.50` and `15e-1` agree); null when not DECIMAL_TEXT. */
export function decimalKey(text: string): string | null {
  if (!DECIMAL_TEXT.test(text)) return null;
  const [, int = "", frac = "", exp] = PARTS.exec(text) ?? [];
  const coefficient = int + frac;
  const first = coefficient.search(/[1-9]/);
  if (first < 0) return "0";
  const point = int.length + (exp === undefined ? 0 : Number(exp)) - first;
  return `${text.startsWith("-") ? "-" : ""}${coefficient.slice(first).replace(/0+$/, "")}@${point}`;
}
