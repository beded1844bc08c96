// Zod expressions for known fields, decided here so templates only print them.
import type { DataType } from "../../runtime/spec.ts";
import type { FieldModel } from "../model/model.ts";

const BY_TYPE: Readonly<Record<DataType, string>> = {
  text: "z.string()",
  bigint: "z.int()",
  double: "z.number()",
  bool: "z.boolean()",
  timestamp: "z.string()",
  date: "z.iso.date()",
  time: "z.string()",
  decimal: "z.union([z.number(), z.string()])",
  json: "z.json()",
};

/** Untyped fields: any JSON value; a required one (a primary key) must be a string or a number. */
const UNTYPED_REQUIRED = "z.union([z.string(), z.number()])";

/** The zod expression validating one field; nullable fields accept null and absence. */
export function zodExpression(field: FieldModel): string {
  if (field.dataType === null) return field.nullable ? "z.json().optional()" : UNTYPED_REQUIRED;
  const base = BY_TYPE[field.dataType];
  return field.nullable ? `${base}.nullish()` : base;
}
