// Strings, integers, numbers and booleans, with their formats and value constraints.
// Lenient mode checks types only, plus `date`/`date-time` (columns are typed from them); value
// constraints (lengths, patterns, bounds, other formats) are checked in strict mode only, because
// real API data routinely breaks them and a record that breaks one is still loadable.
import { tsLiteral } from "../literal.ts";
import { ZOD_DOUBLE, ZOD_INT64 } from "./field.ts";
import { readCount, readFlag, readNumber, readString } from "../../openapi/schema-read.ts";
import type { EmitState, SchemaObject } from "./types.ts";

/** Formats checked in strict mode only (`date` and `date-time` are checked in both). */
const STRICT_FORMATS: Readonly<Record<string, string>> = {
  email: "z.email()",
  uuid: "z.uuid()",
  uri: "z.url()",
  url: "z.url()",
  ipv4: "z.ipv4()",
  ipv6: "z.ipv6()",
  time: "z.iso.time()",
};

/** Digits with an optional sign: the string half of the int64 policy (our constant, not spec text). */
const INT_STRING = "z.string().regex(/^-?\\d+$/)";

/** A string schema: formats, then (strict) lengths and pattern. */
export function stringExpr(schema: SchemaObject, st: EmitState, path: string): string {
  const strict = st.ctx.mode === "strict";
  const format = readString(schema, "format");
  let expr = "z.string()";
  if (format === "date-time") expr = strict ? "z.iso.datetime({ offset: true })" : "z.iso.datetime({ offset: true, local: true })";
  else if (format === "date") expr = "z.iso.date()";
  else if (strict && format !== undefined && Object.hasOwn(STRICT_FORMATS, format)) expr = STRICT_FORMATS[format] ?? expr;
  if (!strict) return expr;
  const min = readCount(schema, "minLength");
  const max = readCount(schema, "maxLength");
  if (min !== undefined && min > 0) expr += `.min(${min})`;
  if (max !== undefined) expr += `.max(${max})`;
  const pattern = readString(schema, "pattern");
  if (pattern !== undefined) {
    if (isValidPattern(pattern)) expr += `.regex(new RegExp(${JSON.stringify(pattern)}))`;
    else st.warnings.push(`${path}/pattern: not a valid ECMAScript regular expression, not enforced: ${JSON.stringify(pattern)}`);
  }
  return expr;
}

/** True when `new RegExp(pattern)` would not throw at import time. */
function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** An integer schema: `int64` per the policy, `int32`/`uint32` ranges in strict mode, else a safe integer. */
export function integerExpr(schema: SchemaObject, st: EmitState): string {
  const strict = st.ctx.mode === "strict";
  const format = readString(schema, "format");
  if (format === "int64" || format === "uint64") {
    const policy = st.ctx.int64 ?? "number-or-string";
    const exact = st.ctx.numbers === "exact";
    if (policy === "string") return INT_STRING;
    if (policy === "number-or-string") return exact ? `z.union([${ZOD_INT64}, ${INT_STRING}])` : `z.union([z.int(), ${INT_STRING}])`;
    if (exact) return strict ? ZOD_INT64 + bigintBounds(schema) : ZOD_INT64;
  }
  const base = strict && format === "int32" ? "z.int32()" : strict && format === "uint32" ? "z.uint32()" : "z.int()";
  return strict ? base + bounds(schema) : base;
}

/** A number schema (`float`/`double` need nothing more); bounds in strict mode. */
export function numberExpr(schema: SchemaObject, st: EmitState): string {
  const checks = st.ctx.mode === "strict" ? bounds(schema) : "";
  if (st.ctx.numbers !== "exact") return `z.number()${checks}`;
  return checks === "" ? ZOD_DOUBLE : `${ZOD_DOUBLE}.pipe(z.number()${checks})`;
}

/** Strict bounds of an int64 checked on its value as a number (a bigint beyond 2^53 is compared approximately). */
function bigintBounds(schema: SchemaObject): string {
  const checks = bounds(schema);
  return checks === "" ? "" : `.refine((value) => z.number()${checks}.safeParse(Number(value)).success, { error: "Invalid input: out of the declared range" })`;
}

/** `minimum`/`maximum` (3.0 boolean or 3.1 numeric exclusives) and `multipleOf` as checks. */
function bounds(schema: SchemaObject): string {
  let out = "";
  const min = readNumber(schema, "minimum");
  const max = readNumber(schema, "maximum");
  const exMin = readNumber(schema, "exclusiveMinimum");
  const exMax = readNumber(schema, "exclusiveMaximum");
  if (min !== undefined) out += readFlag(schema, "exclusiveMinimum") ? `.gt(${tsLiteral(min)})` : `.gte(${tsLiteral(min)})`;
  if (exMin !== undefined) out += `.gt(${tsLiteral(exMin)})`;
  if (max !== undefined) out += readFlag(schema, "exclusiveMaximum") ? `.lt(${tsLiteral(max)})` : `.lte(${tsLiteral(max)})`;
  if (exMax !== undefined) out += `.lt(${tsLiteral(exMax)})`;
  const step = readNumber(schema, "multipleOf");
  if (step !== undefined && step > 0) out += `.multipleOf(${tsLiteral(step)})`;
  return out;
}
