// One GET operation analysed as a list endpoint: its records, key, paginator and the params it needs.
import { paginatorParams } from "../../runtime/paginators/index.ts";
import type { LoadedSpec } from "../openapi/spec/load.ts";
import type { Operation, Parameter } from "../openapi/spec/operations.ts";
import { deref } from "../openapi/spec/resolve.ts";
import { successResponse } from "../openapi/spec/responses.ts";
import { detectPaginator } from "./paginator/detect.ts";
import type { PagingGuess } from "./paginator/types.ts";
import { queryParams } from "./params.ts";
import { primaryKey, type PrimaryKey } from "./primary-key.ts";
import { envelopeFields, isObject } from "./schema-view.ts";
import { findList, type ListShape } from "./selector.ts";

/** Written where a required value could not be found; the resource is then left unselected. */
export const FILL_ME_IN = "FILL_ME_IN";

type Scalar = string | number | boolean;

export interface ListEndpoint {
  readonly op: Operation;
  readonly list: ListShape;
  readonly primaryKey: PrimaryKey | undefined;
  readonly paging: PagingGuess;
  readonly params: Readonly<Record<string, Scalar>>;
  readonly headers: Readonly<Record<string, string>>;
  /** Required inputs without a value: the resource is written unselected. */
  readonly missing: readonly string[];
  readonly warnings: readonly string[];
}

/** The query params the guessed paginator writes (its kind's answer, dlt's defaults applied) and the params it sets. */
function pagingParamNames(paging: PagingGuess): Set<string> {
  return new Set([...Object.keys(paging.params ?? {}), ...paginatorParams(paging.paginator)]);
}

/** The value a required param can be sent with: its default, or its only enum value. */
function knownValue(spec: LoadedSpec, param: Parameter): Scalar | undefined {
  const schema = deref(spec, param.schema);
  const s = isObject(schema) ? schema : {};
  const value = s.default ?? (Array.isArray(s.enum) && s.enum.length === 1 ? s.enum[0] : undefined);
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : undefined;
}

/** A GET that may return records, but not in a way init can tell: reported, not guessed. */
export interface Undecided {
  readonly op: Operation;
  readonly reason: string;
}

/** The list endpoint an operation is; undefined when it does not return a list of records. */
export function analyzeEndpoint(spec: LoadedSpec, op: Operation): ListEndpoint | Undecided | undefined {
  const response = successResponse(spec, op);
  if (response === undefined || response.schema === undefined) return undefined;
  const list = findList(spec, op.path, response.schema);
  if (list === undefined) return undefined;
  if ("ambiguous" in list) return { op, reason: list.ambiguous };
  const key = primaryKey(spec, list.items);
  const query = queryParams(op.parameters);
  const fields = envelopeFields(spec, response.schema, list.tokens);
  const paging = detectPaginator({ spec, op, response, list, primaryKey: key, query, fields });
  const handled = pagingParamNames(paging);
  const params: [string, Scalar][] = Object.entries(paging.params ?? {});
  const headers: [string, string][] = [];
  const missing: string[] = [];
  for (const param of op.parameters) {
    if (!param.required || param.in === "path" || handled.has(param.name)) continue;
    const value = knownValue(spec, param);
    if (param.in === "query") params.push([param.name, value ?? FILL_ME_IN]);
    else if (param.in === "header") headers.push([param.name, String(value ?? FILL_ME_IN)]);
    if (value === undefined || param.in === "cookie") missing.push(`${param.in} param \`${param.name}\``);
  }
  const warnings = [...paging.warnings];
  if (missing.length > 0)
    warnings.push(
      `requires ${missing.join(", ")} with no default: written as ${JSON.stringify(FILL_ME_IN)} and the resource unselected ("selected": false); fill it in and select it`,
    );
  return {
    op,
    list: paging.selector === undefined ? list : { ...list, selector: paging.selector },
    primaryKey: key,
    paging,
    params: Object.fromEntries(params),
    headers: Object.fromEntries(headers),
    missing,
    warnings,
  };
}
