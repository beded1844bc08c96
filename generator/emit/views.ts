// View models: everything the templates print, fully decided here (names, literals, comments).
import type { ConnectorModel, ResourceModel } from "../model/model.ts";
import { commentText } from "./comment.ts";
import { tsKey, tsLiteral } from "./literal.ts";
import { zodExpression } from "./zod-expr.ts";

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
  readonly fields: readonly FieldView[];
  readonly endpointLiteral: string;
  readonly tableLiteral: string;
  readonly primaryKeyLiteral: string;
  readonly selected: boolean;
  readonly parentLiteral: string;
  /** For a child resource: the parent's name literal and record type (its methods take a parent record). */
  readonly parent: { readonly nameLiteral: string; readonly recordType: string } | null;
}

export interface ConnectorView {
  readonly header: string;
  readonly className: string;
  readonly nameLiteral: string;
  readonly comment: string;
  readonly clientLiteral: string;
  readonly resources: readonly ResourceView[];
}

function resourceView(resource: ResourceModel, all: readonly ResourceModel[]): ResourceView {
  const parent = resource.parent === null ? undefined : all.find((r) => r.name === resource.parent?.resource);
  const { camel, pascal } = resource.ident;
  return {
    ident: camel,
    nameLiteral: JSON.stringify(resource.name),
    comment: commentText(resource.name),
    route: commentText(`${resource.endpoint.method} ${resource.endpoint.path}`),
    schemaName: `${camel}Schema`,
    recordType: `${pascal}Record`,
    fields: resource.fields.map((f) => ({ key: tsKey(f.key), zod: zodExpression(f), doc: f.description ? commentText(f.description) : "" })),
    endpointLiteral: tsLiteral(resource.endpoint, 2),
    tableLiteral: tsLiteral(resource.table, 2),
    primaryKeyLiteral: tsLiteral(resource.primaryKey),
    selected: resource.selected,
    parentLiteral: tsLiteral(resource.parent),
    parent: parent === undefined ? null : { nameLiteral: JSON.stringify(parent.name), recordType: `${parent.ident.pascal}Record` },
  };
}

/** The view of a whole connector; `header` is the do-not-edit banner. */
export function connectorView(model: ConnectorModel, header: string): ConnectorView {
  return {
    header,
    className: `${model.ident.pascal}Client`,
    nameLiteral: JSON.stringify(model.name),
    comment: commentText(model.name),
    clientLiteral: tsLiteral(model.client),
    resources: model.resources.map((r) => resourceView(r, model.resources)),
  };
}
