// types.ts of an OpenAPI-backed connector: openapi-typescript's `paths`/`components`/`operations`
// types for the part of the spec the resources use (made typeable first: typeable.ts, percent-keys.ts),
// plus one response-body alias per resource.
// openapi-typescript's `transformSchema` is what its async `openapiTS()` runs after Redocly's
// bundle/lint step; the spec is already bundled here, so the call stays synchronous and pure.
import { astToString, resolveRef, scanDiscriminators, transformSchema, type GlobalContext, type OpenAPI3 } from "openapi-typescript";
import type { OpenApiModel, OpenApiRecordModel, ResourceModel } from "../../model/model.ts";
import { commentText } from "../comment.ts";
import { deferArrays } from "./defer-arrays.ts";
import { carryPercentKeys } from "./percent-keys.ts";
import { pruneDocument } from "./prune.ts";
import { typeable } from "./typeable.ts";

function context(document: OpenAPI3): GlobalContext {
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: scanDiscriminators(document, { silent: true }),
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

export interface TypesFile {
  /** The text of types.ts (after `header`), unformatted. */
  readonly text: string;
  /** What types.ts could not type as the spec writes it, located in the spec. */
  readonly warnings: readonly string[];
}

/** types.ts for the resources bound to the spec. */
export function typesFile(openapi: OpenApiModel, resources: readonly ResourceModel[], header: string): TypesFile {
  const bound = resources.flatMap((r) => (r.openapi === null ? [] : [{ resource: r, bound: r.openapi }]));
  const used = bound.map(({ bound: b }) => ({ path: b.operation.path, method: b.operation.method.toLowerCase() }));
  const typed = typeable(
    pruneDocument(openapi.spec, used),
    bound.map((b) => b.bound.schema),
  );
  const carried = carryPercentKeys(typed.document);
  // openapi-typescript adds discriminator properties to the document it types: typeable's is a copy.
  const document = carried.document as unknown as OpenAPI3;
  const deferred = new Set([...typed.deferred].map(carried.swap));
  const taken = new Set(["paths", "webhooks", "components", "$defs", "operations", ...bound.map((b) => `${b.resource.ident.pascal}Response`)]);
  const body = carried.restore(astToString(deferArrays(transformSchema(document, context(document)), deferred, taken)));
  const intro = `// TypeScript types of the operations and components these resources use, from ${commentText(openapi.spec.source)} (openapi-typescript).`;
  const text = [header, intro, "", body.trimEnd(), "", ...bound.map((b) => responseAlias(b.resource, b.bound)), ""].join("\n");
  return { text, warnings: typed.warnings };
}
