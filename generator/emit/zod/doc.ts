// JSDoc for a schema: its description (or title), read-only and deprecated notes, on one
// sanitized line; spec text can never close the comment.
import { commentText } from "../comment.ts";
import { readFlag, readString } from "../../openapi/schema-read.ts";
import type { SchemaObject } from "./types.ts";

/** `/** … *\/` for a schema, or undefined when there is nothing to say. */
export function jsDoc(schema: SchemaObject): string | undefined {
  const text = readString(schema, "description") ?? readString(schema, "title") ?? "";
  const notes = [text, readFlag(schema, "readOnly") ? "(read-only)" : ""].filter((s) => s.trim() !== "").join(" ");
  const body = commentText(notes);
  const line = readFlag(schema, "deprecated") ? `@deprecated ${body}`.trim() : body;
  return line === "" ? undefined : `/** ${line} */`;
}
