// Arrays of themselves (`Nested: {type: array, items: {$ref: Nested}}`, or through other components)
// kept precise in types.ts. Inside `interface components`, `components["schemas"]["Nested"][]` is
// resolved at once and tsc refuses the loop (TS2502); an interface is resolved only when used, so
// each array type at the top of such a component becomes a named one:
// `Nested: NestedArray` with `export interface NestedArray extends Array<components["schemas"]["Nested"]> {}`.
import ts from "typescript";
import { pascalWords } from "../component-names.ts";

const { factory } = ts;

/** The printed name of a property (`Pet`, `"Base/allOf/0"`), or undefined for a computed one. */
function memberName(member: ts.TypeElement): string | undefined {
  const name = member.name;
  return name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}

/** A tuple's element types, for an array interface that holds any of them. */
function tupleElements(tuple: ts.TupleTypeNode): ts.TypeNode[] {
  return tuple.elements.map((element) => {
    if (ts.isNamedTupleMember(element)) return element.type;
    if (ts.isOptionalTypeNode(element) || ts.isRestTypeNode(element)) return element.type;
    return element;
  });
}

/** `nodes` (openapi-typescript's output) with the top-level arrays of the `schemas` named in `deferred` turned into interfaces. */
export function deferArrays(nodes: readonly ts.Node[], deferred: ReadonlySet<string>, taken: ReadonlySet<string>): ts.Node[] {
  if (deferred.size === 0) return [...nodes];
  const interfaces: ts.InterfaceDeclaration[] = [];
  const used = new Set(taken);
  const named = (owner: string, element: ts.TypeNode): ts.TypeNode => {
    const base = `${pascalWords(owner)}Array`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}${n}`;
    used.add(name);
    const heritage = factory.createHeritageClause(ts.SyntaxKind.ExtendsKeyword, [
      factory.createExpressionWithTypeArguments(factory.createIdentifier("Array"), [element]),
    ]);
    interfaces.push(factory.createInterfaceDeclaration([factory.createModifier(ts.SyntaxKind.ExportKeyword)], name, undefined, [heritage], []));
    return factory.createTypeReferenceNode(name);
  };
  // Only where the type is resolved at once: unions, intersections and parentheses, not object literals.
  const wrap = (owner: string, type: ts.TypeNode): ts.TypeNode => {
    if (ts.isUnionTypeNode(type)) return factory.createUnionTypeNode(type.types.map((t) => wrap(owner, t)));
    if (ts.isIntersectionTypeNode(type)) return factory.createIntersectionTypeNode(type.types.map((t) => wrap(owner, t)));
    if (ts.isParenthesizedTypeNode(type)) return factory.createParenthesizedType(wrap(owner, type.type));
    if (ts.isArrayTypeNode(type)) return named(owner, type.elementType);
    if (ts.isTupleTypeNode(type)) return named(owner, factory.createUnionTypeNode(tupleElements(type)));
    return type;
  };
  const schemas = (literal: ts.TypeLiteralNode): ts.TypeLiteralNode =>
    factory.updateTypeLiteralNode(
      literal,
      factory.createNodeArray(
        literal.members.map((member) => {
          const name = memberName(member);
          if (!ts.isPropertySignature(member) || member.type === undefined || name === undefined || !deferred.has(name)) return member;
          return factory.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, wrap(name, member.type));
        }),
      ),
    );
  const out = nodes.map((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "components") return node;
    const members = node.members.map((member) =>
      ts.isPropertySignature(member) && memberName(member) === "schemas" && member.type !== undefined && ts.isTypeLiteralNode(member.type)
        ? factory.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, schemas(member.type))
        : member,
    );
    return factory.updateInterfaceDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
  });
  return [...out, ...interfaces];
}
