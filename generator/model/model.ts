// The connector model (IR): readonly, every default applied once. Emitters read only this.
import type { ClientSpec, DataType, EndpointSpec, FieldCondition, MapSpec, ParentSpec, TableSpec } from "../../runtime/connector.ts";
import type { LoadedSpec } from "../openapi/spec/index.ts";

export interface FieldModel {
  /** The record's field name, as in the API data. */
  readonly key: string;
  /** Null when no `data_type` is given: the column's type is then inferred from the data. */
  readonly dataType: DataType | null;
  readonly nullable: boolean;
  readonly description: string | null;
}

export interface ResourceModel {
  /** The resource name as written in the config (may be any string). */
  readonly name: string;
  /** Safe TypeScript identifiers derived from the name. */
  readonly ident: { readonly camel: string; readonly pascal: string };
  readonly endpoint: EndpointSpec;
  readonly table: TableSpec;
  /** Record field names of the primary key. */
  readonly primaryKey: readonly string[];
  /** Fields known at generation time (columns hints and primary key), in config order. */
  readonly fields: readonly FieldModel[];
  readonly selected: boolean;
  readonly parent: ParentSpec | null;
  readonly processingSteps: readonly StepModel[];
  readonly parallelized: boolean;
  /** For a connector with `openapi`: the resource's operation and record schema in the spec. */
  readonly openapi: OpenApiRecordModel | null;
}

/** Where an OpenAPI-backed resource's records are described in the spec. */
export interface OpenApiRecordModel {
  /** The matched operation: spec path template, method (upper case), 2xx status and media type. */
  readonly operation: { readonly path: string; readonly method: string; readonly status: string; readonly mediaType: string };
  /** The record's schema as written in the spec (a local `$ref` or inline). */
  readonly schema: unknown;
  /** Top-level property names the spec declares for the record. */
  readonly properties: readonly string[];
}

/** How strictly record schemas from the spec validate (the config's `openapi_mode`): `lenient` (records from real APIs:
 * shapes and types only) or `strict` (every constraint). */
export type ZodMode = "lenient" | "strict";

/** The OpenAPI spec a connector is generated from. */
export interface OpenApiModel {
  /** The bundled spec (every `$ref` local) and its path as the user named it. */
  readonly spec: LoadedSpec;
  readonly mode: ZodMode;
}

/** A processing step: a hook (module path relative to the config, export name) or a declarative form. */
export type StepModel =
  | { readonly kind: "filter" | "map" | "yield_map"; readonly hook: { readonly module: string; readonly name: string } }
  | { readonly kind: "filter"; readonly condition: FieldCondition }
  | { readonly kind: "map"; readonly rewrite: MapSpec };

export interface ConnectorModel {
  /** Resources in run order: every parent before its children. */
  readonly name: string;
  readonly ident: { readonly camel: string; readonly pascal: string };
  readonly client: ClientSpec;
  readonly resources: readonly ResourceModel[];
  /** Set when the config names an OpenAPI spec. */
  readonly openapi: OpenApiModel | null;
}
