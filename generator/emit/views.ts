// View models: everything the templates print, fully decided here (names, literals, comments).
import type { ConnectorModel, ResourceModel, ZodMode } from "../model/model.ts";
import type { HookRef } from "../model/hook.ts";
import { paramVariable } from "../../runtime/interpolate/param-values.ts";
import { commentText } from "./comment.ts";
import { tsKey, tsLiteral } from "./literal.ts";
import { siblingSpecifier } from "./specifier.ts";
import { zodExpression } from "./zod/field.ts";
import { openApiSchemas, type ComponentView, type OpenApiSchemas } from "./zod/component-schemas.ts";

export interface FieldView {
  readonly key: string;
  readonly zod: string;
  readonly doc: string;
}

export interface ResourceView {
  readonly ident: string;
  readonly nameLiteral: string;
  readonly comment: string;
  readonly route: string;
  readonly schemaName: string;
  readonly recordType: string;
  /** The JSDoc text above the record schema. */
  readonly recordDoc: string;
  /** The record schema from the OpenAPI spec (components referenced by name), or "" when built from `fields`. */
  readonly schemaExpr: string;
  readonly fields: readonly FieldView[];
  readonly endpointLiteral: string;
  readonly tableLiteral: string;
  readonly primaryKeyLiteral: string;
  readonly selected: boolean;
  readonly parallelized: boolean;
  readonly parentLiteral: string;
  /** `processingSteps: [...]` as TypeScript, or "" when the resource has none. */
  readonly stepsLiteral: string;
  /** For a child resource: the parent's name literal and record type (its methods take a parent record). */
  readonly parent: { readonly nameLiteral: string; readonly recordType: string } | null;
}

export interface ConnectorView {
  readonly header: string;
  readonly className: string;
  readonly nameLiteral: string;
  readonly comment: string;
  readonly clientLiteral: string;
  /** The quoted specifiers the connector's files import each other by (`"./schema.js"`: see specifier.ts). */
  readonly modules: { readonly client: string; readonly schema: string; readonly loader: string };
  readonly resources: readonly ResourceView[];
  /** OpenAPI components the records use, dependencies first (empty without `openapi`). */
  readonly components: readonly ComponentView[];
  /** What index.ts imports from schema.ts: every record schema, and the record types its hooked steps cast to. */
  readonly indexSchemaImports: string;
  /** Import lines for `$hook` modules (aliased `hook0`, `hook1`, …) used by index.ts and by client.ts. */
  readonly hookImports: string;
  readonly clientHookImports: string;
  /** The run parameters' interface (`<Client>Params`), "" when the connector declares none. */
  readonly paramsType: string;
  readonly paramsInterface: string;
  /** The client constructor's and sync's parameter lists: `params` required unless every one has a default. */
  readonly clientOptions: string;
  readonly syncOptions: string;
  /** What the generated schemas cannot enforce, located in the spec (not rendered: the CLI prints them). */
  readonly warnings: readonly string[];
}

interface OpenApiViews {
  readonly mode: ZodMode;
  readonly schemas: OpenApiSchemas;
}

/** Hook references made into unique import aliases. */
class HookImports {
  readonly #aliases = new Map<string, string>();
  readonly #lines: string[] = [];
  constructor(private readonly importPath: (module: string) => string) {}

  alias(module: string, name: string): string {
    const key = `${module}#${name}`;
    let alias = this.#aliases.get(key);
    if (alias === undefined) {
      alias = `hook${this.#aliases.size}`;
      this.#aliases.set(key, alias);
      this.#lines.push(`import { ${name} as ${alias} } from ${JSON.stringify(this.importPath(module))};`);
    }
    return alias;
  }

  get lines(): string {
    return this.#lines.join("\n");
  }
}

function stepsLiteral(resource: ResourceModel, hooks: HookImports): string {
  if (resource.processingSteps.length === 0) return "";
  const recordType = `${resource.ident.pascal}Record`;
  const steps = resource.processingSteps.map((step) => {
    if ("hook" in step) return `{ ${step.kind}: (record) => ${hooks.alias(step.hook.module, step.hook.name)}(record as ${recordType}) }`;
    return `{ ${step.kind}: ${tsLiteral("condition" in step ? step.condition : step.rewrite)} }`;
  });
  return `[${steps.join(", ")}]`;
}

function recordDoc(resource: ResourceModel, mode: ZodMode): string {
  const name = commentText(resource.name);
  if (resource.openapi === null) return `Record schema of resource ${name}. Unknown fields pass through.`;
  const { method, path, status } = resource.openapi.operation;
  const from = commentText(`${method} ${path} (${status}) at ${resource.endpoint.dataSelector ?? "$"}`);
  return `Record schema of resource ${name}, from the OpenAPI response of ${from}. ${mode === "strict" ? "Checked strictly against the spec." : "Unknown fields pass through."}`;
}

function resourceView(
  resource: ResourceModel,
  all: readonly ResourceModel[],
  hooks: HookImports,
  clientHooks: HookImports,
  openapi: OpenApiViews | null,
): ResourceView {
  const hook = (ref: HookRef) => clientHooks.alias(ref.module, ref.name);
  const parent = resource.parent === null ? undefined : all.find((r) => r.name === resource.parent?.resource);
  const { camel, pascal } = resource.ident;
  return {
    ident: camel,
    nameLiteral: JSON.stringify(resource.name),
    comment: commentText(resource.name),
    route: commentText(`${resource.endpoint.method} ${resource.endpoint.path}`),
    schemaName: `${camel}Schema`,
    recordType: `${pascal}Record`,
    recordDoc: recordDoc(resource, openapi?.mode ?? "lenient"),
    schemaExpr: openapi === null || resource.openapi === null ? "" : openapi.schemas.record(resource),
    fields: resource.fields.map((f) => ({ key: tsKey(f.key), zod: zodExpression(f), doc: f.description ? commentText(f.description) : "" })),
    endpointLiteral: tsLiteral(resource.endpoint, 2, hook),
    tableLiteral: tsLiteral(resource.table, 2),
    primaryKeyLiteral: tsLiteral(resource.primaryKey),
    selected: resource.selected,
    parentLiteral: tsLiteral(resource.parent),
    parallelized: resource.parallelized,
    stepsLiteral: stepsLiteral(resource, hooks),
    parent: parent === undefined ? null : { nameLiteral: JSON.stringify(parent.name), recordType: `${parent.ident.pascal}Record` },
  };
}

/** The typed `params` option of the client and the sync, from the connector's declared parameters. */
function paramsView(model: ConnectorModel): Pick<ConnectorView, "paramsType" | "paramsInterface" | "clientOptions" | "syncOptions"> {
  const declared = model.client.params ?? [];
  if (declared.length === 0)
    return { paramsType: "", paramsInterface: "", clientOptions: "options: ClientOptions = {}", syncOptions: "options: SyncOptions = {}" };
  const name = `${model.ident.pascal}Params`;
  const members = declared.map((p) => {
    const doc = p.default === undefined ? "Required." : `Default: ${commentText(JSON.stringify(p.default))}.`;
    const about = p.description === undefined ? `Run parameter ${commentText(p.name)}` : commentText(p.description.replace(/\.$/, ""));
    return `  /** ${about} (or ${paramVariable(p.name)}). ${doc} */\n  readonly ${tsKey(p.name)}${p.default === undefined ? "" : "?"}: ${p.type};`;
  });
  const optional = declared.every((p) => p.default !== undefined);
  const option = (base: string) => `options: ${base} & { readonly params${optional ? "?" : ""}: ${name} }${optional ? " = {}" : ""}`;
  return {
    paramsType: name,
    // A type alias, not an interface: a value of it is assignable to ClientOptions' Record-typed `params`.
    paramsInterface: `/** The connector's run parameters (\`--param\`, GC_PARAM_<NAME> or .env when not given here). */\nexport type ${name} = {\n${members.join("\n")}\n};`,
    clientOptions: option("ClientOptions"),
    syncOptions: option("SyncOptions"),
  };
}

/** The view of a whole connector; `header` is the do-not-edit banner, `importPath` maps hook modules to import specifiers. */
export function connectorView(model: ConnectorModel, header: string, importPath: (module: string) => string): ConnectorView {
  const hooks = new HookImports(importPath);
  const clientHooks = new HookImports(importPath);
  const clientLiteral = tsLiteral(model.client, 0, (ref) => clientHooks.alias(ref.module, ref.name));
  const openapi = model.openapi === null ? null : { mode: model.openapi.mode, schemas: openApiSchemas(model.openapi, model.resources) };
  const resources = model.resources.map((r) => resourceView(r, model.resources, hooks, clientHooks, openapi));
  const params = paramsView(model);
  return {
    header,
    ...params,
    className: `${model.ident.pascal}Client`,
    nameLiteral: JSON.stringify(model.name),
    comment: commentText(model.name),
    clientLiteral,
    modules: {
      client: JSON.stringify(siblingSpecifier("client.ts")),
      schema: JSON.stringify(siblingSpecifier("schema.ts")),
      loader: JSON.stringify(siblingSpecifier("loader.ts")),
    },
    resources,
    indexSchemaImports: [
      ...resources.map((r) => r.schemaName),
      ...model.resources.filter((r) => r.processingSteps.some((step) => "hook" in step)).map((r) => `type ${r.ident.pascal}Record`),
    ].join(", "),
    components: openapi?.schemas.components ?? [],
    hookImports: hooks.lines,
    clientHookImports: clientHooks.lines,
    warnings: [...(openapi?.schemas.warnings ?? [])].sort(),
  };
}
