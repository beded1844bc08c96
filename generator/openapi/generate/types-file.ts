// types.ts of an OpenAPI-backed connector: openapi-typescript's `paths`/`components`/`operations`
// types for the part of the spec the resources use, plus one response-body alias per resource.
// openapi-typescript's `transformSchema` is what its async `openapiTS()` runs after Redocly's
// bundle/lint step; the spec is already bundled here, so the call stays synchronous and pure.
import { astToString, resolveRef, scanDiscriminators, transformSchema, type GlobalContext, type OpenAPI3 } from "openapi-typescript";
import type { OpenApiModel, OpenApiRecordModel, ResourceModel } from "../../model/model.ts";
import { commentText } from "../../emit/comment.ts";
import { parsePointer, splitRef, valueAt } from "../spec/index.ts";
import { acyclic, TYPE_EAGER } from "./cycles.ts";
import { hoistInnerRefs } from "./hoist.ts";
import { pruneDocument } from "./prune.ts";
import { componentRefs, refsIn } from "./refs.ts";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The pruned document in a shape whose types compile: inner refs hoisted to components, eager
 * `$ref` cycles cut to `unknown` and alias chains collapsed (see cycles.ts).
 */
function typeable(pruned: Json, records: readonly unknown[]): Json {
  const document = hoistInnerRefs(pruned);
  const components = isObject(document["components"]) ? document["components"] : undefined;
  const schemas = components !== undefined && isObject(components["schemas"]) ? components["schemas"] : undefined;
  if (components === undefined || schemas === undefined) return document;
  const refs = componentRefs(document);
  const lookup = (ref: string): unknown => {
    const { file, pointer } = splitRef(ref);
    const tokens = file === "" ? parsePointer(pointer) : undefined;
    return tokens === undefined ? undefined : valueAt(document, tokens);
  };
  // Walked from the records, then in document order, as schema.ts is: both cut the same edges.
  const { resolve } = acyclic([...refsIn(records), ...refs], lookup, TYPE_EAGER);
  const rewritten = Object.fromEntries(Object.keys(schemas).map((name, i) => [name, resolve(refs[i]!)]));
  return { ...document, components: { ...components, schemas: rewritten } };
}

function context(document: OpenAPI3): GlobalContext {
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: scanDiscriminators(document, {}),
    emptyObjectsUnknown: true,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // Redocly's config is only read by the bundle step, which is skipped (the spec is bundled).
    redoc: undefined as unknown as GlobalContext["redoc"],
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    silent: true,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveRef(document, $ref, { silent: true }),
  };
}

/** `paths["/x"]["get"]["responses"]["200"]["content"]["application/json"]` for a resource. */
function responseAlias(resource: ResourceModel, bound: OpenApiRecordModel): string {
  const { path, method, status, mediaType } = bound.operation;
  const index = [path, method.toLowerCase(), "responses", status, "content", mediaType].map((k) => `[${JSON.stringify(k)}]`).join("");
  const doc = commentText(`Response body of resource ${resource.name}: ${method} ${path}, ${status} ${mediaType}.`);
  return `/** ${doc} */\nexport type ${resource.ident.pascal}Response = paths${index};`;
}

/** The text of types.ts (after `header`), unformatted. */
export function typesFile(openapi: OpenApiModel, resources: readonly ResourceModel[], header: string): string {
  const bound = resources.flatMap((r) => (r.openapi === null ? [] : [{ resource: r, bound: r.openapi }]));
  const used = bound.map(({ bound: b }) => ({ path: b.operation.path, method: b.operation.method.toLowerCase() }));
  const document = typeable(pruneDocument(openapi.spec, used), bound.map((b) => b.bound.schema)) as unknown as OpenAPI3;
  const body = astToString(transformSchema(document, context(document)));
  const intro = `// TypeScript types of the operations and components these resources use, from ${commentText(openapi.spec.source)} (openapi-typescript).`;
  return [header, intro, "", body.trimEnd(), "", ...bound.map((b) => responseAlias(b.resource, b.bound)), ""].join("\n");
}
