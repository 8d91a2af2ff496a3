// The mail outbox: a message is a row written in the same transaction as the change that causes it.
// The sender delivers rows after commit; without SMTP they stay readable in the admin mailbox.
import type { Kysely } from "kysely";
import type { Database, Language } from "#db/schema";
import { renderEmail, type EmailKind, type EmailParams } from "./templates.server";

export interface MailRequest<K extends EmailKind = EmailKind> {
  kind: K;
  to: { address: string; name?: string | null; language: Language };
  params: EmailParams[K];
  now: Date;
}

// Kept on globalThis: the server process and the Remix build each load their own copy of this module.
const NUDGE = Symbol.for("trellis.mail.nudge");
type NudgeHolder = { [NUDGE]?: () => void };

/** Lets the sender (when running in this process) wake up as soon as a message commits. */
export function onMailEnqueued(listener: (() => void) | undefined) {
  (globalThis as NudgeHolder)[NUDGE] = listener;
}

export async function enqueueMail<K extends EmailKind>(trx: Kysely<Database>, request: MailRequest<K>): Promise<number> {
  const rendered = renderEmail(request.kind, request.to.language, request.params);
  const row = await trx
    .insertInto("outbox_messages")
    .values({
      kind: request.kind,
      to_address: request.to.address,
      to_name: request.to.name ?? null,
      language: request.to.language,
      subject: rendered.subject,
      text_body: rendered.text,
      html_body: rendered.html,
      next_attempt_at: request.now.toISOString(),
      created_at: request.now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // After the caller's commit the sender picks it up; a nudge before commit only makes it look early.
  setTimeout(() => (globalThis as NudgeHolder)[NUDGE]?.(), 0);
  return row.id;
}
