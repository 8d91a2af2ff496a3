// Files a team attaches to a check-in (PDF, PNG, JPEG or DOCX up to 10 MB, checked by content and
// stored durably before their row commits, like submissions), and the download: only for the team,
// its mentors and the organisers, and for the latter two only once the check-in is submitted.
import { sanitiseFileName } from "#app/domain/files";
import { ATTACHMENTS_MAX, ATTACHMENT_MAX_MB } from "#app/forms/checkins";
import { audit } from "#app/infra/audit.server";
import { checkAttachment } from "#app/infra/file-checks-attachments.server";
import { FileTooLargeError, type FileStorage } from "#app/infra/storage/types";
import { findAttachment, findCheckin } from "#app/data/checkins.server";
import type { ServiceContext } from "./context.server";
import { cohortTeamAccess } from "./incubation-access.server";
import { accessPeriod, teamMayFile } from "./checkins.server";
import { fail, ok, type Result } from "./result";
import { spendUpload } from "./limits.server";

const MB = 1024 * 1024;

/** Adds one file to the team's check-in of the period (a draft check-in is started if there is none). */
export async function addCheckinAttachment(
  ctx: ServiceContext,
  storage: FileStorage,
  cohortTeamId: number,
  periodKey: string,
  input: { fileName: string; data: Uint8Array },
): Promise<Result<{ attachmentId: number }>> {
  const found = await accessPeriod(ctx, cohortTeamId, periodKey);
  if (!found) return fail("not_found");
  const limited = await spendUpload(ctx);
  if (limited) return limited;
  const refusal = await teamMayFile(ctx, found);
  if (refusal) return fail(refusal);
  const maxBytes = ATTACHMENT_MAX_MB * MB;
  if (input.data.byteLength > maxBytes) return fail("file_too_large", "file", { max: ATTACHMENT_MAX_MB });
  const verdict = await checkAttachment(input.data);
  if (!verdict.ok) return fail(verdict.code, "file", verdict.params);
  const existing = await findCheckin(ctx.db, cohortTeamId, periodKey);
  if (existing && (await countAttachments(ctx, existing.id)) >= ATTACHMENTS_MAX)
    return fail("checkin_too_many_attachments", "file", { max: ATTACHMENTS_MAX });
  const fileName = sanitiseFileName(input.fileName, verdict.kind === "jpeg" ? "jpg" : verdict.kind);
  let stored;
  try {
    // Durable before the row that points at it commits.
    stored = await storage.put(input.data, { maxBytes, contentType: verdict.contentType, fileName });
  } catch (error) {
    if (error instanceof FileTooLargeError) return fail("file_too_large", "file", { max: ATTACHMENT_MAX_MB });
    throw error;
  }
  const actorId = ctx.actor!.userId;
  const at = ctx.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    let checkin = await findCheckin(trx, cohortTeamId, periodKey);
    if (!checkin) {
      await trx
        .insertInto("checkins")
        .values({ cohort_team_id: cohortTeamId, period: periodKey, status: "draft", version: 1, created_at: at, updated_at: at })
        .onConflict((oc) => oc.doNothing())
        .execute();
      checkin = await findCheckin(trx, cohortTeamId, periodKey);
    }
    const checkinId = checkin!.id;
    const count = await trx
      .selectFrom("checkin_attachments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("checkin_id", "=", checkinId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= ATTACHMENTS_MAX) return fail("checkin_too_many_attachments", "file", { max: ATTACHMENTS_MAX });
    const inserted = await trx
      .insertInto("checkin_attachments")
      .values({
        checkin_id: checkinId,
        storage_key: stored.key,
        file_name: fileName,
        content_type: verdict.contentType,
        size: stored.size,
        sha256: stored.sha256,
        uploaded_by: actorId,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: actorId,
      action: "checkin.attachment_added",
      subjectType: "checkin",
      subjectId: checkinId,
      contestId: found.team.contestId,
      after: { attachmentId: inserted.id, fileName, size: stored.size, sha256: stored.sha256, period: periodKey },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ attachmentId: inserted.id });
  });
}

async function countAttachments(ctx: ServiceContext, checkinId: number): Promise<number> {
  const row = await ctx.db
    .selectFrom("checkin_attachments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("checkin_id", "=", checkinId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The team takes a file off its check-in while it may still change it. The stored file stays until the orphan clean-up. */
export async function removeCheckinAttachment(
  ctx: ServiceContext,
  cohortTeamId: number,
  periodKey: string,
  attachmentId: number,
): Promise<Result<null>> {
  const found = await accessPeriod(ctx, cohortTeamId, periodKey);
  if (!found) return fail("not_found");
  const refusal = await teamMayFile(ctx, found);
  if (refusal) return fail(refusal);
  const attachment = await findAttachment(ctx.db, attachmentId);
  if (!attachment || attachment.cohortTeamId !== cohortTeamId || attachment.period !== periodKey) return fail("not_found");
  return ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("checkin_attachments").where("id", "=", attachmentId).execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "checkin.attachment_removed",
      subjectType: "checkin",
      subjectId: attachment.checkinId,
      contestId: found.team.contestId,
      before: { attachmentId, fileName: attachment.fileName, sha256: attachment.sha256, period: periodKey },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** Opens one attachment for download; anyone without a role on the team gets not_found. */
export async function openCheckinAttachment(
  ctx: ServiceContext,
  storage: FileStorage,
  cohortTeamId: number,
  attachmentId: number,
) {
  const access = await cohortTeamAccess(ctx, cohortTeamId);
  if (!access) return fail("not_found");
  const file = await findAttachment(ctx.db, attachmentId);
  if (!file || file.cohortTeamId !== cohortTeamId) return fail("not_found");
  // Mentors and organisers see what the team submitted, never its draft.
  if (!access.roles.has("team") && file.checkinStatus !== "submitted") return fail("not_found");
  return ok({
    stream: await storage.open(file.storageKey),
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.size,
  });
}
