// The zod side of an OpenAPI-backed connector: one exported schema per reachable component
// (dependencies first, cycles closed by `z.lazy` on back-edges) and each resource's record schema,
// which references them. Config columns with a `data_type` (and primary key fields the spec does
// not declare) override the spec: `.extend({...})` on an object record, an intersection otherwise.
import { zodExpression } from "./field.ts";
import { tsKey } from "../literal.ts";
import type { OpenApiModel, ResourceModel } from "../../model/model.ts";
import { resolveRef } from "../../openapi/spec/index.ts";
import { componentDoc, zodFromOpenApi, type ZodContext, type ZodResult } from "./index.ts";
import { objectLiteral } from "./layout.ts";
import { omit } from "./all-of.ts";
import { splitNull } from "../../openapi/schema-nullability.ts";
import { isAnnotationOnly, isSchemaObject, readString } from "../../openapi/schema-read.ts";
import { acyclic, VALIDATOR_EAGER } from "../ref-cycles.ts";
import { planComponents } from "./component-order.ts";
import { componentRefs, refsIn } from "../../openapi/refs.ts";

export interface ComponentView {
  readonly name: string;
  /** `/** … *\/` or "" */
  readonly doc: string;
  readonly expr: string;
}

export interface OpenApiSchemas {
  readonly components: readonly ComponentView[];
  /** The record schema expression of an OpenAPI-backed resource. */
  record(resource: ResourceModel): string;
  /**
   * What the schemas cannot enforce (a pattern that is no ECMAScript regex, a non-primitive enum…),
   * each located in the spec (`#/components/schemas/X/…`) or in a resource's record schema; filled as
   * components and records are emitted, without repeats.
   */
  readonly warnings: ReadonlySet<string>;
}

/**
 * Numbers as the runtime parses them (exact: an integer beyond 2^53 is a bigint): an int64 is a
 * safe integer or a bigint within int64, like a config column of type bigint (its loader column).
 */
const NUMBERS = { int64: "number", numbers: "exact" } as const;

/** Plans and emits the component schemas the resources reach. */
export function openApiSchemas(openapi: OpenApiModel, resources: readonly ResourceModel[]): OpenApiSchemas {
  const { spec, mode } = openapi;
  const roots = resources.flatMap((r) => (r.openapi === null ? [] : [r.openapi.schema]));
  // Cycles no validator can end (`A: allOf[B]`, `B: allOf[A]`, `A: $ref A`) are cut first, and
  // alias chains collapsed, so that the plan is made over what is emitted.
  // Walked from the records, then in document order (as types.ts is), so both cut the same edges.
  const reachable = new Set(planComponents((ref) => resolveRef(spec, ref), roots).order);
  const walk = [...refsIn(roots), ...componentRefs(spec.document).filter((ref) => reachable.has(ref)), ...reachable];
  const cycles = acyclic(walk, (ref) => resolveRef(spec, ref), VALIDATOR_EAGER);
  const resolve = cycles.resolve;
  const plan = planComponents(resolve, roots);
  const componentName = (ref: string): string => {
    const name = plan.names.get(ref);
    if (name === undefined) throw new Error(`internal: $ref ${ref} was not planned`);
    return name;
  };
  const base = { mode, componentName, resolve, ...NUMBERS } as const;
  const inComponents: ZodContext = { ...base, backEdges: plan.backEdges };
  // Records come after every component, so nothing in them needs to be lazy.
  const inRecords: ZodContext = { ...base, backEdges: new Set() };
  const results = new Map<string, ZodResult>();
  const warnings = new Set<string>();
  for (const { from, to } of cycles.cuts) {
    warnings.add(
      `${from}: $ref ${JSON.stringify(to)} closes a loop of allOf/oneOf/anyOf/$ref references that never reaches a value (JSON Schema leaves its meaning undefined); that reference is accepted as unknown`,
    );
  }
  /** A result's warnings, their `#` (the schema's root) replaced by where that schema is. */
  const note = (where: string, result: ZodResult) => {
    for (const warning of result.warnings) warnings.add(`${where}${warning.slice(1)}`);
  };
  const components = plan.order.map((ref): ComponentView => {
    const target = resolve(ref);
    const result = zodFromOpenApi(target, inComponents);
    results.set(ref, result);
    note(ref, result);
    return { name: componentName(ref), doc: componentDoc(target) ?? "", expr: result.expr };
  });
  /** The component a chain of bare `$ref` aliases ends at. */
  const finalRef = (ref: string): string => {
    const seen = new Set([ref]);
    let target = resolve(ref);
    while (isSchemaObject(target) && isAnnotationOnly(omit(target, ["$ref"])) && typeof target["$ref"] === "string" && !seen.has(target["$ref"])) {
      ref = target["$ref"];
      seen.add(ref);
      target = resolve(ref);
    }
    return ref;
  };
  /** A record is an object, never null: a nullable schema is unwrapped, an untyped one is an open object. */
  const recordBase = (schema: unknown, resource: string): { expr: string; kind: ZodResult["kind"] } => {
    const own = isSchemaObject(schema) ? splitNull(schema).schema : schema;
    const ref = isSchemaObject(own) && isAnnotationOnly(omit(own, ["$ref"])) ? readString(own, "$ref") : undefined;
    if (ref !== undefined) {
      const target = finalRef(ref);
      const result = results.get(target);
      return { expr: `${componentName(target)}${result?.nullable === true ? ".unwrap()" : ""}`, kind: result?.kind ?? "other" };
    }
    const result = zodFromOpenApi(own, inRecords);
    note(`resource ${JSON.stringify(resource)}, record schema #`, result);
    return result.kind === "unknown" ? { expr: "z.looseObject({})", kind: "object" } : result;
  };
  const record = (resource: ResourceModel): string => {
    const bound = resource.openapi;
    if (bound === null) throw new Error(`internal: resource ${resource.name} is not bound to the spec`);
    const { expr, kind } = recordBase(bound.schema, resource.name);
    const declared = new Set(bound.properties);
    const overrides = resource.fields
      .filter((f) => f.dataType !== null || (!f.nullable && !declared.has(f.key)))
      .map((f) => ({ text: `${tsKey(f.key)}: ${zodExpression(f)}` }));
    if (overrides.length === 0) return expr;
    const body = objectLiteral(overrides);
    return kind === "object" ? `${expr}.extend(${body})` : `z.intersection(${expr}, z.looseObject(${body}))`;
  };
  return { components, record, warnings };
}
