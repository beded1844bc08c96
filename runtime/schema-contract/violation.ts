// How a record that breaks the schema contract leaves normalization: `freeze` fails it with an error
// naming the table, the column or nested table, the source field and the record's key; `discard_row`
// drops it through a signal the normalizer catches (never an error a caller sees).
import { RecordValidationError } from "../errors.ts";
import type { ContractMode } from "./contract.ts";

/** A record refused by a `freeze` contract (a new column, a new nested table or a value of another type). */
export class SchemaContractError extends RecordValidationError {}

/** Thrown while a record is normalized when `discard_row` drops it; RowNormalizer catches it and undoes the record. */
export const DISCARD_ROW: unique symbol = Symbol("discard row");

/** What a contract mode asks for something new: go on (`evolve`), or the value is dropped (`discard_value`); throws for the others. */
export function enforce(mode: ContractMode, refuse: () => SchemaContractError): "evolve" | "discard_value" {
  if (mode === "freeze") throw refuse();
  if (mode === "discard_row") throw DISCARD_ROW;
  return mode;
}
