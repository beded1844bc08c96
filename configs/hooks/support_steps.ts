// Processing-step hooks of configs/support_steps.json, typed by the generated record types.
import type { OpenTicketsRecord, TicketTagsRecord } from "../../generated/support_steps/index.js";

/** map: adds the subject's length. */
export function addSubjectLength(record: OpenTicketsRecord): OpenTicketsRecord & { subject_length: number } {
  return { ...record, subject_length: record.subject.length };
}

/** yield_map: one row per tag of a ticket. */
export function* tagRows(record: TicketTagsRecord): Generator<{ id: string; ticket_id: string | number | bigint; tag: string }> {
  const tags = Array.isArray(record.tags) ? record.tags : [];
  for (const tag of tags) yield { id: `${record.id}-${String(tag)}`, ticket_id: record.id, tag: String(tag) };
}
