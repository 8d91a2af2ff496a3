// The development mailbox: admins read what the app has sent (or would send without SMTP).
import { can } from "#app/domain/permissions";
import { findOutboxMessage, listOutbox } from "#app/data/outbox.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

export const MAILBOX_PAGE_SIZE = 25;

export async function listMail(ctx: ServiceContext, input: { page: number; to?: string }) {
  if (!can(ctx.actor, { type: "admin.mailbox.read" })) return fail("forbidden");
  const page = Math.max(1, input.page);
  const { rows, total } = await listOutbox(ctx.db, {
    limit: MAILBOX_PAGE_SIZE,
    offset: (page - 1) * MAILBOX_PAGE_SIZE,
    to: input.to,
  });
  return ok({ rows, total, page, pages: Math.max(1, Math.ceil(total / MAILBOX_PAGE_SIZE)) });
}

export async function readMail(
  ctx: ServiceContext,
  id: number,
): Promise<Result<NonNullable<Awaited<ReturnType<typeof findOutboxMessage>>>>> {
  if (!can(ctx.actor, { type: "admin.mailbox.read" })) return fail("forbidden");
  const message = await findOutboxMessage(ctx.db, id);
  if (!message) return fail("not_found");
  return ok(message);
}
