// The contract of paginator detection: what a rule sees, and what it answers.
import type { LoadedSpec } from "../../openapi/spec/load.ts";
import type { Operation, Parameter } from "../../openapi/spec/operations.ts";
import type { SuccessResponse } from "../../openapi/spec/responses.ts";
import type { PrimaryKey } from "../primary-key.ts";
import type { Field, Json } from "../schema-view.ts";
import type { ListShape } from "../selector.ts";

export interface PagingInput {
  readonly spec: LoadedSpec;
  readonly op: Operation;
  readonly response: SuccessResponse;
  readonly list: ListShape;
  readonly primaryKey: PrimaryKey | undefined;
  /** The operation's query parameters. */
  readonly query: readonly Parameter[];
  /** Envelope fields of the response (the records array excluded), least nested first. */
  readonly fields: readonly Field[];
}

export interface PagingGuess {
  /** A paginator object the grammar accepts. */
  readonly paginator: Json;
  /** Why: the evidence in the spec. */
  readonly evidence: string;
  /** Extra query params for the endpoint (the page size). */
  readonly params?: Readonly<Record<string, number>>;
  /** A records path stated by a vendor marker, overriding the detected one. */
  readonly selector?: string;
  readonly warnings: readonly string[];
}

/** One detection rule: an answer, or undefined to let the next rule try. */
export type PagingRule = (input: PagingInput) => PagingGuess | undefined;
