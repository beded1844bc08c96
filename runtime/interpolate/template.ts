// Placeholder templates: `{expr}` fields, `{{` and `}}` for literal braces. No evaluation of any kind.

export type TemplatePart = string | { readonly expr: string };

export class TemplateSyntaxError extends Error {}

/** Splits `text` into literal parts and `{expr}` fields; throws TemplateSyntaxError on stray braces. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "{" && text[i + 1] === "{") {
      literal += "{";
      i++;
    } else if (ch === "}" && text[i + 1] === "}") {
      literal += "}";
      i++;
    } else if (ch === "{") {
      const end = text.indexOf("}", i + 1);
      const expr = end < 0 ? "" : text.slice(i + 1, end).trim();
      if (end < 0 || expr === "" || expr.includes("{")) throw new TemplateSyntaxError(`unbalanced "{" at position ${i} (write "{{" for a literal brace)`);
      if (literal !== "") parts.push(literal);
      literal = "";
      parts.push({ expr });
      i = end;
    } else if (ch === "}") {
      throw new TemplateSyntaxError(`unbalanced "}" at position ${i} (write "}}" for a literal brace)`);
    } else {
      literal += ch;
    }
  }
  if (literal !== "") parts.push(literal);
  return parts;
}

/** The expressions of every `{expr}` field in `text`. */
export function placeholdersOf(text: string): string[] {
  return parseTemplate(text).flatMap((p) => (typeof p === "string" ? [] : [p.expr]));
}

/** The expression when `text` is exactly one field (`"{resources.a.id}"`), else undefined. */
export function soleExpression(text: string): string | undefined {
  const parts = parseTemplate(text);
  const [only] = parts;
  return parts.length === 1 && only !== undefined && typeof only !== "string" ? only.expr : undefined;
}

/** Renders parts, each field through `value`. */
export function renderTemplate(parts: readonly TemplatePart[], value: (expr: string) => string): string {
  let out = "";
  for (const part of parts) out += typeof part === "string" ? part : value(part.expr);
  return out;
}

/** Escapes literal text so parseTemplate reads it back unchanged. */
export function escapeTemplate(text: string): string {
  return text.replace(/\{/g, "{{").replace(/\}/g, "}}");
}
