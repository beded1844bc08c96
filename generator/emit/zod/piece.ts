// Presence modifiers, applied once per use: nullable → `.nullable()`, optional → `.optional()`,
// both → `.nullish()`.
import type { Piece } from "./types.ts";

/** Accepts anything; nullability is moot. */
export const UNKNOWN: Piece = { expr: "z.unknown()", nullable: false, kind: "unknown" };

/** A non-nullable, non-object piece. */
export function plain(expr: string): Piece {
  return { expr, nullable: false, kind: "other" };
}

/** The expression with its presence modifiers. */
export function finish(piece: Piece, optional = false): string {
  if (piece.kind === "unknown") return optional ? `${piece.expr}.optional()` : piece.expr;
  if (piece.nullable && optional) return `${piece.expr}.nullish()`;
  if (piece.nullable) return `${piece.expr}.nullable()`;
  return optional ? `${piece.expr}.optional()` : piece.expr;
}
