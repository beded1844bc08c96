// Text that goes into comments: one line, and never able to close the comment.

/** Collapses whitespace and defuses comment terminators. */
export function commentText(text: string, max = 200): string {
  const oneLine = text
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/\*\//g, "*\\/")
    .replace(/\s+/g, " ")
    .trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 3)}...` : oneLine;
}
