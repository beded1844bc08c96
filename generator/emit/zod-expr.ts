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

/** The zod expression validating one field; nullable fields accept null and absence. */
export function zodExpression(field: FieldModel): string {
  const base = BY_TYPE[field.dataType];
  return field.nullable ? `${base}.nullish()` : base;
}
