// The result shared by the paginator detectors.
import type { PaginatorSpec } from "../connector.ts";

/** A detected paginator: a fully defaulted spec, why it was chosen, and whether the caller should warn. */
export interface PaginatorDetection {
  readonly spec: PaginatorSpec;
  /** A short human sentence naming the evidence, with paths in backticks. */
  readonly reason: string;
  /** False when the choice is a guess the caller should warn about. */
  readonly confident: boolean;
}
