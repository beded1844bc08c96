// The contract of the OpenAPI-schema → zod mapping: its input context, its result, and the
// internal state threaded through the emitters.
import type { ZodMode } from "../../model/model.ts";

export type { SchemaObject } from "../../openapi/schema-read.ts";

/** How `int64` integers are validated: safe integer or digit string (default), safe integer only, or digit string only. */
export type Int64Policy = "number-or-string" | "number" | "string";

/** What the caller knows about the document the schema comes from. */
export interface ZodContext {
  readonly mode: ZodMode;
  /** The TypeScript identifier of a referenced component's exported schema (`#/components/schemas/Pet` → `Pet`). */
  componentName(ref: string): string;
  /** `$ref`s that close a cycle: emitted as `z.lazy((): T => X)`. */
  readonly backEdges: ReadonlySet<string>;
  /** The schema a local `$ref` points to; without it, allOf cannot spread and oneOf cannot discriminate across `$ref`s. */
  resolve?(ref: string): unknown;
  /** The TypeScript type annotating a back-edge's `z.lazy` (default `z.ZodType`, i.e. unknown output). */
  lazyType?(ref: string): string;
  /** Default `number-or-string`. */
  readonly int64?: Int64Policy;
  /**
   * How numbers arrive. `json` (default): as JSON.parse gives them, JS numbers only. `exact`: as the
   * runtime's exact parse gives them, an integer beyond 2^53 as a bigint and a number no double holds
   * as an ExactDecimal; then int64 numbers accept a bigint within int64 and `number` takes both as
   * its double (the same expressions as config columns of type bigint and double).
   */
  readonly numbers?: "json" | "exact";
}

/** A zod expression as TypeScript source, with what it depends on. */
export interface ZodResult {
  /** e.g. `z.looseObject({ id: z.int(), name: z.string().nullish() })`; may span lines. */
  readonly expr: string;
  /** `object` when `expr` is a zod object schema (with `.shape` and `.extend`), or that wrapped in `.nullable()`. */
  readonly kind: "object" | "unknown" | "other";
  /** `expr` ends in `.nullable()` (its `.unwrap()` is the schema without null). */
  readonly nullable: boolean;
  /** Identifiers of referenced components (from `componentName`), sorted, unique. */
  readonly names: readonly string[];
  /** The `$ref` strings behind them, sorted, unique. */
  readonly refs: readonly string[];
  /** Parts of the schema that could not be honoured (e.g. an invalid `pattern`), each with its JSON pointer. */
  readonly warnings: readonly string[];
}

/** An emitted expression before presence modifiers: `nullable` is applied by the caller (it may become `.nullish()`). */
export interface Piece {
  readonly expr: string;
  readonly nullable: boolean;
  /** `object` when `expr` is a zod object schema (has `.shape`, can be spread or discriminated). */
  readonly kind: "object" | "unknown" | "other";
}

/** Mutable state of one emission. */
export interface EmitState {
  readonly ctx: ZodContext;
  readonly names: Set<string>;
  readonly refs: Set<string>;
  readonly warnings: string[];
  /** Schema objects being emitted (guards against cyclic object graphs, e.g. from YAML aliases). */
  readonly active: Set<object>;
  /** `$ref`s whose component is being inspected (guards `resolve` recursion). */
  readonly checking: Set<string>;
}
