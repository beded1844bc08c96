// Schema contracts (dlt's `schema_contract`): what a load does when the data does not match the
// destination's schema. Three entities, each with one mode:
// - `tables`: a new child table (a list field seen for the first time). A resource's own table is
//   always created on its first load, as in dlt.
// - `columns`: a field with no column in the table (neither declared nor stored nor seen earlier).
//   As in dlt, columns evolve while a table is created: through a root table's first load ("evolve
//   columns once") and in a new nested table's first row.
// - `dataType`: a value that does not fit its column's type.
// Modes: `evolve` adds the table/column (for a data type: a variant column `<column>__v_<type>`),
// `freeze` fails the load, `discard_row` drops the record, `discard_value` drops the value.

export type ContractMode = "evolve" | "freeze" | "discard_row" | "discard_value";

export interface SchemaContract {
  readonly tables: ContractMode;
  readonly columns: ContractMode;
  readonly dataType: ContractMode;
}

export const CONTRACT_MODES: readonly ContractMode[] = ["evolve", "freeze", "discard_row", "discard_value"];

/**
 * Without a contract: tables and columns evolve, a type change fails loudly. dlt evolves data
 * types into variant columns by default; we only do so when asked (`"data_type": "evolve"`), because
 * a silently split column is the kind of drift a data team wants to hear about first.
 */
export const DEFAULT_CONTRACT: SchemaContract = { tables: "evolve", columns: "evolve", dataType: "freeze" };

/** The config form: one mode for all three entities, or per entity (absent entities keep the default). */
export type ContractConfig =
  | ContractMode
  | { readonly tables?: ContractMode | undefined; readonly columns?: ContractMode | undefined; readonly data_type?: ContractMode | undefined };

/** The contract a config value means (dlt: a single mode applies to every entity). */
export function resolveContract(config: ContractConfig | undefined): SchemaContract {
  if (config === undefined) return DEFAULT_CONTRACT;
  if (typeof config === "string") return { tables: config, columns: config, dataType: config };
  return {
    tables: config.tables ?? DEFAULT_CONTRACT.tables,
    columns: config.columns ?? DEFAULT_CONTRACT.columns,
    dataType: config.data_type ?? DEFAULT_CONTRACT.dataType,
  };
}
