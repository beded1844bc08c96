// dlt's variant columns: under `data_type: evolve`, a value that does not fit its column's type goes to
// `<column>__v_<type>` (e.g. `price__v_text`), `<type>` being the value's own data type.
import { joinIdentifiers } from "./identifier.ts";
import type { DataType } from "../connector.ts";

/** The variant column of `column` for values of `type` (shortened like any identifier when too long). */
export function variantColumn(column: string, type: DataType): string {
  return joinIdentifiers(column, `v_${type}`);
}
