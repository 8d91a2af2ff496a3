// The one way to write the audit log: inside the caller's transaction, so the event and the change
// it records commit together or not at all.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

export interface AuditEvent {
  actorUserId: number | null;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  contestId?: number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  now: Date;
}

export async function audit(trx: Kysely<Database>, event: AuditEvent): Promise<void> {
  await trx
    .insertInto("audit_events")
    .values({
      actor_user_id: event.actorUserId,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId == null ? null : String(event.subjectId),
      contest_id: event.contestId ?? null,
      before_json: event.before === undefined ? null : JSON.stringify(event.before),
      after_json: event.after === undefined ? null : JSON.stringify(event.after),
      ip: event.ip ?? null,
      created_at: event.now.toISOString(),
    })
    .execute();
}
