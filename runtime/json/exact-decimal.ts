// The form the JSON parser gives a non-integer number that no double holds exactly.

/**
 * A JSON number with a fraction or an exponent that a double cannot hold exactly (more than ~15
 * significant digits, or beyond the double range), kept as written. It is a Number whose value is the
 * nearest double (Infinity or 0 beyond the range): `Number(x)` and arithmetic give that double, while
 * `String(x)` gives the exact text. Like a bigint, it refuses `JSON.stringify` rather than be
 * rounded there: `stringifyJson` writes it exactly. Zod sees it as `z.instanceof(Number)`.
 */
export class ExactDecimal extends Number {
  readonly #text: string;

  /** `text` is a JSON number token, e.g. `1.000000000000000000001` or `1e400`. */
  constructor(text: string) {
    super(Number(text));
    this.#text = text;
  }

  /** The number exactly as the JSON text wrote it. */
  get text(): string {
    return this.#text;
  }

  /** The exact text (in base 10; another radix describes the double). */
  override toString(radix?: number): string {
    return radix === undefined || radix === 10 ? this.#text : super.toString(radix);
  }

  /** Throws, as JSON.stringify would otherwise write the rounded double; use stringifyJson. */
  toJSON(): never {
    throw new TypeError("JSON.stringify would round an ExactDecimal; serialize with stringifyJson (runtime/json/stringify.ts)");
  }

  /** How Node's inspect (console, test diffs) shows it. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `ExactDecimal(${this.#text})`;
  }
}
