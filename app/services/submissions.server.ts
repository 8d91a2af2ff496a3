// Teams hand in a round's materials: files checked by content and stored durably before their row
// commits, text answers and video links. Every version is kept. The server's clock decides
// whether the window is open, with the team's extension if an organiser granted one.
import { checkVideoLink, effectiveDeadline, sanitiseFileName, submissionWindow } from "#app/domain/files";
import { parseLocalizedJson, pickLocalized } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import type { MaterialKind } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import { checkDocument } from "#app/infra/file-checks.server";
import { FileTooLargeError, type FileStorage } from "#app/infra/storage/types";
import {
  completenessByTrack,
  findEntryWithRound,
  findExtension,
  findRequirement,
  findSubmissionFile,
  isStorageKeyUsed,
  findRoundName,
  listRequirements,
  listMaterialVersions,
  listSubmissions,
  nextVersion,
} from "#app/data/submissions.server";
import { countingVersions } from "#app/domain/round-materials";
import { DEFAULT_MAX_FILE_MB } from "#app/domain/upload-precheck";
import { isMaterialLanguage } from "#app/domain/judging";
import { findMaterialsLanguage } from "#app/data/entry-texts.server";
import { judgeMaySee } from "./assignments.server";
import { findContest } from "#app/data/contests.server";
import { findTeam, listMembers } from "#app/data/teams.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";
import { spendUpload } from "./limits.server";

const MB = 1024 * 1024;
const FILE_KINDS: readonly MaterialKind[] = ["pitch_deck", "business_plan"];

/** The entry's round and requirement, if the actor is on the team and the window is open now. */
async function openSlot(ctx: ServiceContext, input: { entryId: number; roundId: number; requirementId: number }) {
  if (!ctx.actor) return { error: fail("unauthorised") };
  const slot = await findEntryWithRound(ctx.db, input.entryId, input.roundId);
  // Only the team's own members hand in; another team's entry does not exist for this actor.
  if (!slot || !ctx.actor.teams.some((t) => t.teamId === slot.teamId)) return { error: fail("not_found") };
  if (slot.status !== "registered") return { error: fail("entry_withdrawn") };
  if (!slot.takesPart) return { error: fail("not_in_round") };
  const requirement = await findRequirement(ctx.db, input.roundId, input.requirementId);
  if (!requirement) return { error: fail("not_found") };
  const extension = await findExtension(ctx.db, input.entryId, input.roundId);
  const window = submissionWindow({ opensAt: slot.opensAt, closesAt: slot.closesAt }, extension?.until ?? null, ctx.now);
  if (window === "closed") return { error: fail("submission_closed") };
  if (window === "not_yet_open") return { error: fail("submission_not_open") };
  return { slot, requirement, actorId: ctx.actor.userId };
}

export interface UploadInput {
  entryId: number;
  roundId: number;
  requirementId: number;
  fileName: string;
  data: Uint8Array;
  /** The language the file is in (a MATERIAL_LANGUAGES code); blank or absent: the entry's materials language. */
  language?: unknown;
}

/** The language a hand-in is tagged with: the one the team chose, else the entry's materials language. */
async function handInLanguage(ctx: ServiceContext, entryId: number, raw: unknown): Promise<Result<string | null>> {
  const chosen = typeof raw === "string" ? raw.trim() : "";
  if (chosen) return isMaterialLanguage(chosen) ? ok(chosen) : fail("entryTexts.language_invalid", "language");
  return ok(await findMaterialsLanguage(ctx.db, entryId));
}

export async function uploadFile(
  ctx: ServiceContext,
  storage: FileStorage,
  input: UploadInput,
): Promise<Result<{ submissionId: number; version: number; sha256: string }>> {
  const found = await openSlot(ctx, input);
  if ("error" in found) return found.error!;
  const { slot, requirement, actorId } = found;
  if (!FILE_KINDS.includes(requirement.kind)) return fail("not_a_file_material");
  const language = await handInLanguage(ctx, slot.entryId, input.language);
  if (!language.ok) return language;
  const limited = await spendUpload(ctx);
  if (limited) return limited;
  const maxBytes = (requirement.max_size_mb ?? DEFAULT_MAX_FILE_MB) * MB;
  if (input.data.byteLength > maxBytes)
    return fail("file_too_large", "file", { max: requirement.max_size_mb ?? DEFAULT_MAX_FILE_MB });
  const verdict = await checkDocument(input.data, {
    accept: requirement.kind === "pitch_deck" ? "pdf" : "pdf_or_docx",
    maxPages: requirement.max_pages,
  });
  if (!verdict.ok) return fail(verdict.code, "file", verdict.params);
  const contentType =
    verdict.kind === "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  const fileName = sanitiseFileName(input.fileName, verdict.kind);
  let stored;
  try {
    // Durable on disk before the row that points at it commits.
    stored = await storage.put(input.data, { maxBytes, contentType, fileName });
  } catch (error) {
    if (error instanceof FileTooLargeError)
      return fail("file_too_large", "file", { max: requirement.max_size_mb ?? DEFAULT_MAX_FILE_MB });
    throw error;
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const version = await nextVersion(trx, slot.entryId, requirement.id);
    const inserted = await trx
      .insertInto("submissions")
      .values({
        entry_id: slot.entryId,
        round_id: slot.roundId,
        requirement_id: requirement.id,
        version,
        kind: "file",
        storage_key: stored.key,
        sha256: stored.sha256,
        size_bytes: stored.size,
        file_name: fileName,
        content_type: contentType,
        pages: verdict.pages,
        text_value: null,
        url_value: null,
        uploaded_by: actorId,
        created_at: ctx.now.toISOString(),
        language: language.value,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: actorId,
      action: "submission.file_uploaded",
      subjectType: "submission",
      subjectId: inserted.id,
      contestId: slot.contestId,
      after: {
        entryId: slot.entryId,
        requirementId: requirement.id,
        version,
        sha256: stored.sha256,
        size: stored.size,
        fileName,
        language: language.value,
      },
      ip: ctx.ip,
      now: ctx.now,
    });
    return { submissionId: inserted.id, version };
  });
  return ok({ ...row, sha256: stored.sha256 });
}

export async function submitAnswer(
  ctx: ServiceContext,
  input: { entryId: number; roundId: number; requirementId: number; value: string; language?: unknown },
): Promise<Result<{ submissionId: number; version: number }>> {
  const found = await openSlot(ctx, input);
  if ("error" in found) return found.error!;
  const { slot, requirement, actorId } = found;
  const language = await handInLanguage(ctx, slot.entryId, input.language);
  if (!language.ok) return language;
  let kind: "text" | "link";
  let text: string | null = null;
  let url: string | null = null;
  if (requirement.kind === "video_link") {
    const link = checkVideoLink(input.value);
    if (!link.ok) return fail(link.code, "value");
    kind = "link";
    url = link.url;
  } else if (requirement.kind === "text_answer") {
    const value = input.value.replace(/\r\n/g, "\n").trim();
    if (!value) return fail("required", "value");
    const max = requirement.max_chars ?? 2000;
    if (Array.from(value).length > max) return fail("too_long", "value", { max });
    kind = "text";
    text = value;
  } else {
    return fail("not_a_text_material");
  }
  return ctx.db.transaction().execute(async (trx) => {
    const version = await nextVersion(trx, slot.entryId, requirement.id);
    const inserted = await trx
      .insertInto("submissions")
      .values({
        entry_id: slot.entryId,
        round_id: slot.roundId,
        requirement_id: requirement.id,
        version,
        kind,
        storage_key: null,
        sha256: null,
        size_bytes: null,
        file_name: null,
        content_type: null,
        pages: null,
        text_value: text,
        url_value: url,
        uploaded_by: actorId,
        created_at: ctx.now.toISOString(),
        language: language.value,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: actorId,
      action: kind === "link" ? "submission.link_saved" : "submission.text_saved",
      subjectType: "submission",
      subjectId: inserted.id,
      contestId: slot.contestId,
      after: { entryId: slot.entryId, requirementId: requirement.id, version, language: language.value },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ submissionId: inserted.id, version });
  });
}

/** An organiser gives one entry more time in one round; audited. */
export async function grantExtension(
  ctx: ServiceContext,
  input: { contestId: number; entryId: number; roundId: number; until: Date; reason: string },
): Promise<Result<null>> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId: input.contestId })) return fail("forbidden");
  const slot = await findEntryWithRound(ctx.db, input.entryId, input.roundId);
  if (!slot || slot.contestId !== input.contestId) return fail("not_found");
  const reason = input.reason.trim();
  if (!reason) return fail("required", "reason");
  if (input.until.getTime() <= ctx.now.getTime()) return fail("extension_in_past", "until");
  const actorId = ctx.actor.userId;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findExtension(trx, input.entryId, input.roundId);
    await trx
      .insertInto("deadline_extensions")
      .values({
        entry_id: input.entryId,
        round_id: input.roundId,
        until: input.until.toISOString(),
        reason,
        granted_by: actorId,
        created_at: ctx.now.toISOString(),
      })
      .onConflict((oc) =>
        oc
          .columns(["entry_id", "round_id"])
          .doUpdateSet({ until: input.until.toISOString(), reason, granted_by: actorId, created_at: ctx.now.toISOString() }),
      )
      .execute();
    await audit(trx, {
      actorUserId: actorId,
      action: "submission.extension_granted",
      subjectType: "entry",
      subjectId: input.entryId,
      contestId: input.contestId,
      before: before ? { until: before.until, reason: before.reason } : null,
      after: { roundId: input.roundId, until: input.until.toISOString(), reason },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** What a team member sees: every version of every material in the round, newest first. */
export async function submissionHistory(ctx: ServiceContext, entryId: number, roundId: number) {
  if (!ctx.actor) return fail("unauthorised");
  const slot = await findEntryWithRound(ctx.db, entryId, roundId);
  if (!slot) return fail("not_found");
  const allowed =
    ctx.actor.teams.some((t) => t.teamId === slot.teamId) ||
    can(ctx.actor, { type: "contest.manage", contestId: slot.contestId });
  if (!allowed) return fail("not_found");
  return ok(await listSubmissions(ctx.db, entryId, roundId));
}

/**
 * Removes stored files no submission points at and older than `graceMs` (an upload in flight has
 * its file written just before its row commits). Returns the keys removed.
 */
export async function cleanOrphanFiles(
  db: ServiceContext["db"],
  storage: FileStorage,
  now: Date,
  graceMs = 60 * 60_000,
): Promise<string[]> {
  const removed: string[] = [];
  for await (const { key, modifiedAt } of storage.keys()) {
    if (now.getTime() - modifiedAt.getTime() < graceMs) continue;
    if (await isStorageKeyUsed(db, key)) continue;
    await storage.remove(key);
    removed.push(key);
  }
  return removed;
}

/** The submission form: the round's materials with their latest version, and whether it is open. */
export async function submissionPage(ctx: ServiceContext, entryId: number, roundId: number) {
  if (!ctx.actor) return fail("unauthorised");
  const slot = await findEntryWithRound(ctx.db, entryId, roundId);
  if (!slot || !ctx.actor.teams.some((t) => t.teamId === slot.teamId)) return fail("not_found");
  const [requirements, submissions, extension, contest, round] = await Promise.all([
    listRequirements(ctx.db, roundId),
    listSubmissions(ctx.db, entryId, roundId),
    findExtension(ctx.db, entryId, roundId),
    findContest(ctx.db, slot.contestId).then((c) => c!),
    findRoundName(ctx.db, roundId),
  ]);
  const deadline = effectiveDeadline(slot.closesAt, extension?.until ?? null);
  return ok({
    entryId,
    roundId,
    teamId: slot.teamId,
    withdrawn: slot.status !== "registered",
    /** False once an advancement into this round was confirmed without this entry. */
    takesPart: Boolean(slot.takesPart),
    contest: {
      slug: contest.slug,
      name: parseLocalizedJson(contest.name_i18n) ?? { en: contest.slug },
      timeZone: contest.time_zone,
    },
    roundName: parseLocalizedJson(round?.name_i18n) ?? { en: "" },
    window: submissionWindow({ opensAt: slot.opensAt, closesAt: slot.closesAt }, extension?.until ?? null, ctx.now),
    opensAt: slot.opensAt,
    deadline,
    extended: Boolean(extension && deadline === extension.until),
    materials: requirements.map((r) => ({
      id: r.id,
      kind: r.kind,
      label: parseLocalizedJson(r.label_i18n) ?? { en: r.kind },
      required: r.required === 1,
      maxSizeMb: r.max_size_mb,
      maxPages: r.max_pages,
      maxChars: r.max_chars,
      versions: submissions.filter((s) => s.requirementId === r.id),
    })),
  });
}

/**
 * A stored file for download: team members and the contest's organisers see every version; a
 * judge cleared for the entry (assigned, signed, no conflict) sees only the version that counts,
 * under a name made of the entry code and the material, never the team's own file name.
 */
export async function openSubmissionFile(ctx: ServiceContext, storage: FileStorage, submissionId: number) {
  if (!ctx.actor) return fail("not_found");
  const file = await findSubmissionFile(ctx.db, submissionId);
  if (!file || !file.storageKey) return fail("not_found");
  const insider =
    ctx.actor.teams.some((t) => t.teamId === file.teamId) ||
    can(ctx.actor, { type: "contest.manage", contestId: file.contestId });
  let fileName = file.fileName ?? "file";
  if (!insider) {
    if (!(await judgeMaySee(ctx.db, ctx.actor.userId, file.entryId, file.roundId))) return fail("not_found");
    const [slot, extension, versions, requirement] = await Promise.all([
      findEntryWithRound(ctx.db, file.entryId, file.roundId),
      findExtension(ctx.db, file.entryId, file.roundId),
      listMaterialVersions(ctx.db, file.entryId, file.requirementId),
      findRequirement(ctx.db, file.roundId, file.requirementId),
    ]);
    const counting = countingVersions(versions, { closesAt: slot?.closesAt ?? null, extensionUntil: extension?.until ?? null });
    if (counting.get(file.requirementId)?.id !== file.id) return fail("not_found");
    fileName = judgeFileName(file.entryCode, requirement?.kind ?? "file", file.fileName);
  }
  return ok({
    stream: await storage.open(file.storageKey),
    fileName,
    contentType: file.contentType ?? "application/octet-stream",
    size: file.size,
  });
}

/** "T-0427 pitch_deck.pdf": what a judge's download is called, whatever the team named it. */
export function judgeFileName(entryCode: string, kind: string, original: string | null): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(original ?? "")?.[1]?.toLowerCase() ?? "bin";
  return `${entryCode} ${kind}.${ext}`;
}

/** Emails every member the latest version of each material handed in, with its SHA-256. */
export async function sendReceipt(
  ctx: ServiceContext,
  entryId: number,
  roundId: number,
): Promise<Result<{ recipients: number }>> {
  const page = await submissionPage(ctx, entryId, roundId);
  if (!page.ok) return page;
  const latest = page.value.materials.flatMap((m) => (m.versions[0] ? [{ material: m, version: m.versions[0] }] : []));
  if (!latest.length) return fail("nothing_submitted");
  const members = await listMembers(ctx.db, page.value.teamId);
  const team = await findTeam(ctx.db, page.value.teamId);
  const actorId = ctx.actor!.userId;
  await ctx.db.transaction().execute(async (trx) => {
    for (const member of members) {
      const items = latest.map(({ material, version }) => {
        const label = pickLocalized(material.label, member.language);
        if (version.kind === "file")
          return `${label} (v${version.version}): ${version.fileName}, ${version.size ?? 0} bytes, SHA-256 ${version.sha256}`;
        if (version.kind === "link") return `${label} (v${version.version}): ${version.url}`;
        return `${label} (v${version.version}): ${Array.from(version.text ?? "").length} characters`;
      });
      await enqueueMail(trx, {
        kind: "submission_receipt",
        to: { address: member.email, name: member.name, language: member.language },
        params: {
          name: member.name,
          team: team?.name ?? "",
          contest: pickLocalized(page.value.contest.name, member.language),
          round: pickLocalized(page.value.roundName, member.language),
          url: `${ctx.appUrl}/entries/${entryId}/rounds/${roundId}`,
          items,
        },
        now: ctx.now,
      });
    }
    await audit(trx, {
      actorUserId: actorId,
      action: "submission.receipt_sent",
      subjectType: "entry",
      subjectId: entryId,
      after: {
        roundId,
        items: latest.map(({ material, version }) => ({
          requirementId: material.id,
          version: version.version,
          sha256: version.sha256,
        })),
      },
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return ok({ recipients: members.length });
}

/** Organisers: per track, how many entries have handed in every required material of a round. */
export async function roundCompleteness(ctx: ServiceContext, contestId: number, roundId: number) {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const round = await ctx.db
    .selectFrom("rounds")
    .select(["id", "submission_closes_at"])
    .where("id", "=", roundId)
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
  if (!round) return fail("not_found");
  const rows = await completenessByTrack(ctx.db, contestId, roundId, round.submission_closes_at);
  return ok(rows.map((r) => ({ ...r, missing: r.entries - r.complete })));
}
