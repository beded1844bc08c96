// Zod expressions for known fields, decided here so templates only print them.
//
// Exact numbers: the runtime's JSON parser gives an integer beyond 2^53 as a bigint and any other
// number no double holds as an ExactDecimal, a Number subclass (hence `z.instanceof(Number)`: the
// expressions need only `z`). A `double` field takes both as its double (its declared precision); a
// `bigint` field takes a bigint within int64; a `decimal` field keeps either exactly.
import { DECIMAL_TEXT } from "../../../runtime/json/decimal-text.ts";
import type { DataType } from "../../../runtime/connector.ts";
import type { FieldModel } from "../../model/model.ts";

/** int64: a safe integer, or a bigint within int64 (also for OpenAPI `format: int64`). */
export const ZOD_INT64 = `z.union([z.int(), z.bigint().min(${-(2n ** 63n)}n).max(${2n ** 63n - 1n}n)], { error: "Invalid input: expected an int64 integer" })`;
/** A double: a number, or a bigint or ExactDecimal taken as its double (also for OpenAPI `type: number`). */
export const ZOD_DOUBLE = `z.union([z.number(), z.bigint(), z.instanceof(Number)], { error: "Invalid input: expected number" }).transform(Number).pipe(z.number())`;
/** A decimal kept exactly: a number, a bigint, an ExactDecimal or a decimal string. */
export const ZOD_DECIMAL =
  `z.union([z.number(), z.bigint(), z.instanceof(Number), z.string().regex(${String(DECIMAL_TEXT)}, "Invalid input: expected a decimal string")], ` +
  `{ error: "Invalid input: expected a decimal number or string" })`;

const BY_TYPE: Readonly<Record<DataType, string>> = {
  text: "z.string()",
  bigint: ZOD_INT64,
  double: ZOD_DOUBLE,
  bool: "z.boolean()",
  timestamp: "z.string()",
  date: "z.iso.date()",
  time: "z.string()",
  decimal: ZOD_DECIMAL,
  json: "z.json()",
};

/** Untyped fields: any JSON value; a required one (a primary key) must be a string, a number or a bigint (an integer beyond 2^53). */
const UNTYPED_REQUIRED = "z.union([z.string(), z.number(), z.bigint()])";

/** The zod expression validating one field; nullable fields accept null and absence. */
export function zodExpression(field: FieldModel): string {
  if (field.dataType === null) return field.nullable ? "z.json().optional()" : UNTYPED_REQUIRED;
  const base = BY_TYPE[field.dataType];
  return field.nullable ? `${base}.nullish()` : base;
}
