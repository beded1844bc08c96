// OpenAPI-backed resources: each resource is bound to its spec operation, its record schema is
// taken from the 2xx JSON response under the data_selector (implied by the spec when the config has
// none), and its table columns are typed from the record's properties. Config values always win.
import type { ConfigIssue } from "../../runtime/errors.ts";
import { normalizeIdentifier } from "../../runtime/normalize/identifier.ts";
import type { ColumnSpec } from "../../runtime/connector.ts";
import { specColumns } from "./openapi-columns.ts";
import { findOperation } from "../openapi/operation.ts";
import { notAnObject, propertyNames, selectRecord } from "../openapi/record-selector.ts";
import { operations, successResponse, type LoadedSpec, type Operation } from "../openapi/spec/index.ts";
import type { ResourceModel } from "./model.ts";

type Part = Omit<ResourceModel, "ident">;

/** The spec and what every resource binding needs from it, computed once. */
export interface SpecContext {
  readonly spec: LoadedSpec;
  readonly operations: readonly Operation[];
  readonly baseUrl: string;
}

export function specContext(spec: LoadedSpec, baseUrl: string): SpecContext {
  return { spec, operations: operations(spec), baseUrl };
}

/** Spec-derived columns, overridden and extended by the config's (already in `part.table.columns`). */
function mergeColumns(part: Part, record: unknown, ctx: SpecContext): ColumnSpec[] {
  const hints = new Map(part.fields.map((f) => [f.key, f]));
  const columns = new Map<string, ColumnSpec>();
  for (const column of specColumns(ctx.spec, record)) {
    const name = normalizeIdentifier(column.key);
    if (columns.has(name)) continue;
    const hint = hints.get(column.key);
    columns.set(name, { name, dataType: hint?.dataType ?? column.dataType, nullable: hint?.nullable ?? true });
  }
  for (const declared of part.table.columns) columns.set(declared.name, declared);
  return [...columns.values()];
}

/** The resource with its operation, record schema, implied data_selector and typed columns; problems go to `issues`. */
export function bindToSpec(part: Part, ctx: SpecContext, at: string, issues: ConfigIssue[]): Part {
  const { endpoint } = part;
  const where = `resource ${JSON.stringify(part.name)} (${endpoint.method} ${endpoint.path})`;
  const match = findOperation(ctx.spec, ctx.operations, ctx.baseUrl, endpoint.path, endpoint.method);
  if ("problem" in match) {
    issues.push({ path: `${at}.endpoint.path`, message: `${where}: ${match.problem}` });
    return part;
  }
  const op = match.operation;
  const operationName = `${op.method.toUpperCase()} ${op.path}`;
  const response = successResponse(ctx.spec, op);
  if (response === undefined) {
    issues.push({ path: `${at}.endpoint`, message: `${where}: the spec operation ${operationName} has no 2xx response` });
    return part;
  }
  if (response.schema === undefined || response.mediaType === undefined) {
    issues.push({ path: `${at}.endpoint`, message: `${where}: the spec operation ${operationName} has no JSON schema for its ${response.status} response` });
    return part;
  }
  const selection = selectRecord(ctx.spec, response.schema, endpoint.dataSelector);
  if ("problem" in selection) {
    issues.push({
      path: `${at}.endpoint.data_selector`,
      message: `${where}: ${selection.problem} (spec operation ${operationName}, response ${response.status})`,
    });
    return part;
  }
  const shape = notAnObject(ctx.spec, selection.schema);
  if (shape !== undefined) {
    issues.push({
      path: `${at}.endpoint.data_selector`,
      message: `${where}: ${shape} (spec operation ${operationName}, response ${response.status}, data_selector ${JSON.stringify(selection.selector)})`,
    });
    return part;
  }
  const reshaped = part.processingSteps.some((s) => s.kind !== "filter");
  return {
    ...part,
    endpoint: { ...endpoint, dataSelector: selection.selector },
    table: { ...part.table, columns: reshaped ? [] : mergeColumns(part, selection.schema, ctx) },
    openapi: {
      operation: { path: op.path, method: op.method.toUpperCase(), status: response.status, mediaType: response.mediaType },
      schema: selection.schema,
      properties: propertyNames(ctx.spec, selection.schema),
    },
  };
}
