// Picks the records out of a response body with a data_selector (dlt semantics, but strict on misses).
import { DataSelectorError } from "../errors.ts";
import { describeBody, jsonTypeName } from "./describe.ts";
import { compilePath } from "./jsonpath.ts";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Compiles `dataSelector` into a function from a response body to its records. One match: a list is
 * the records, an object is one record, null is an empty page. Several matches are the records. No
 * match, or a scalar, throws DataSelectorError.
 */
export function createSelector(dataSelector: string): (body: unknown) => unknown[] {
  const find = compilePath(dataSelector);
  const name = `data_selector \`${dataSelector}\``;
  return (body) => {
    const matches = find(body);
    if (matches.length === 0) {
      throw new DataSelectorError(`${name} matched nothing in the response; ${describeBody(body)}`);
    }
    if (matches.length === 1) {
      const match = matches[0];
      if (Array.isArray(match)) return match;
      if (match === null) return [];
      if (isObject(match)) return [match];
      throw new DataSelectorError(`${name} matched a ${jsonTypeName(match)}, expected a list of records or an object`);
    }
    const records: unknown[] = [];
    for (const [i, match] of matches.entries()) {
      if (match === null) continue;
      if (!isObject(match)) {
        throw new DataSelectorError(
          `${name} matched ${matches.length} values and value ${i} is a ${jsonTypeName(match)}; each match must be an object (select the list itself to get its items)`,
        );
      }
      records.push(match);
    }
    return records;
  };
}
