// Organisers and a round's materials: the ZIP of the versions that count (with a manifest of their
// SHA-256 and an answers sheet), streamed one stored file at a time, and every entry's full version
// history with the version judges see marked.
import { createHash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import yazl from "yazl";
import type { Language } from "#app/domain/locale";
import { parseLocalizedJson, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { effectiveDeadline } from "#app/domain/files";
import {
  archivePaths,
  countingVersions,
  isLateByExtension,
  versionStatuses,
  type HistoryVersion,
} from "#app/domain/round-materials";
import type { MaterialKind } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import type { FileStorage } from "#app/infra/storage/types";
import { findContest, listRounds } from "#app/data/contests.server";
import { findContestRound, listRoundVersions, type RoundVersionRow } from "#app/data/round-materials.server";
import { findEntryWithRound, findExtension, listRequirements, listSubmissions } from "#app/data/submissions.server";
import type { ServiceContext } from "./context.server";
import { csvCell, type ExportViewer } from "./registrations-export.server";
import { fail, ok, type Result } from "./result";

export const MANIFEST_NAME = "manifest.csv";
export const ANSWERS_NAME = "answers.csv";

export interface ArchiveFile {
  path: string;
  submissionId: number;
  storageKey: string;
  size: number | null;
  sha256: string;
  submittedAt: string;
}

export interface RoundArchive {
  filename: string;
  /** The files to pack, in order; each is opened only when its turn comes. */
  files: ArchiveFile[];
  /** manifest.csv: one row per file, UTF-8 with a BOM. */
  manifest: string;
  /** answers.csv: text answers and video links that count; null when there are none. */
  answers: string | null;
  createdAt: Date;
}

const csvText = (rows: readonly (readonly (string | number)[])[]) =>
  `\uFEFF${rows.map((cells) => `${cells.map(csvCell).join(",")}\r\n`).join("")}`;

function labelOf(json: string, kind: MaterialKind, t: ExportViewer["t"], language: Language): string {
  const label = parseLocalizedJson(json);
  return label ? pickLocalized(label, language) : t(`materialKind.${kind}`);
}

/**
 * What a round's ZIP holds: for each registered entry, the version of each material that counts
 * (the latest at or before the entry's deadline, extension included), their paths, the manifest and
 * the answers sheet. Organisers only; the download is audited.
 */
export async function roundArchive(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  viewer: ExportViewer,
): Promise<Result<RoundArchive>> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const [contest, round] = await Promise.all([findContest(ctx.db, contestId), findContestRound(ctx.db, contestId, roundId)]);
  if (!contest || !round) return fail("not_found");
  const { t, language } = viewer;

  const byEntry = new Map<number, RoundVersionRow[]>();
  for (const row of await listRoundVersions(ctx.db, contestId, roundId)) {
    const rows = byEntry.get(row.entryId);
    if (rows) rows.push(row);
    else byEntry.set(row.entryId, [row]);
  }
  const counting: RoundVersionRow[] = [];
  for (const rows of byEntry.values()) {
    const picked = new Set(
      countingVersions(rows, { closesAt: round.closesAt, extensionUntil: rows[0]!.extensionUntil ?? null }).values(),
    );
    // Kept in query order: track, entry code, material position.
    counting.push(...rows.filter((r) => picked.has(r)));
  }

  const trackNames = new Map<number, string>();
  const trackName = (row: RoundVersionRow) => {
    let name = trackNames.get(row.trackId);
    if (name === undefined) {
      const text = parseLocalizedJson(row.trackName);
      trackNames.set(row.trackId, (name = text ? pickLocalized(text, language) : `#${row.trackId}`));
    }
    return name;
  };
  const files = counting.filter((r) => r.kind === "file" && r.storageKey && r.sha256);
  const answers = counting.filter((r) => r.kind !== "file");
  const paths = archivePaths(
    files.map((r) => ({
      trackId: r.trackId,
      trackName: trackName(r),
      entryId: r.entryId,
      entryCode: r.entryCode,
      teamName: r.teamName,
      material: labelOf(r.materialLabel, r.materialKind, t, language),
      fileName: r.fileName,
    })),
    [MANIFEST_NAME, ANSWERS_NAME],
  );
  const [yes, no] = [t("roundMaterials.yes"), t("roundMaterials.no")];
  const c = (key: string) => t(`roundMaterials.columns.${key}`);
  const late = (r: RoundVersionRow) => (isLateByExtension(r.createdAt, round.closesAt) ? yes : no);
  const who = (r: RoundVersionRow) => r.uploadedBy ?? "";
  const at = (r: RoundVersionRow) => new Date(r.createdAt).toISOString();

  const manifest = csvText([
    [
      c("code"),
      c("team"),
      c("track"),
      c("material"),
      c("version"),
      c("path"),
      c("fileName"),
      c("sizeBytes"),
      c("sha256"),
      c("submittedAtUtc"),
      c("submittedBy"),
      c("lateByExtension"),
    ],
    ...files.map((r, i) => [
      r.entryCode,
      r.teamName,
      trackName(r),
      labelOf(r.materialLabel, r.materialKind, t, language),
      r.version,
      paths[i]!,
      r.fileName ?? "",
      r.size ?? "",
      r.sha256 ?? "",
      at(r),
      who(r),
      late(r),
    ]),
  ]);
  const answerSheet = answers.length
    ? csvText([
        [
          c("code"),
          c("team"),
          c("track"),
          c("material"),
          c("version"),
          c("answerType"),
          c("answer"),
          c("submittedAtUtc"),
          c("submittedBy"),
          c("lateByExtension"),
        ],
        ...answers.map((r) => [
          r.entryCode,
          r.teamName,
          trackName(r),
          labelOf(r.materialLabel, r.materialKind, t, language),
          r.version,
          r.kind === "link" ? t("roundMaterials.link") : t("roundMaterials.text"),
          (r.kind === "link" ? r.url : r.text) ?? "",
          at(r),
          who(r),
          late(r),
        ]),
      ])
    : null;

  const actorId = ctx.actor.userId;
  await ctx.db.transaction().execute(async (trx) => {
    await audit(trx, {
      actorUserId: actorId,
      action: "round.materials_downloaded",
      subjectType: "round",
      subjectId: roundId,
      contestId,
      after: { files: files.length, answers: answers.length, entries: new Set(counting.map((r) => r.entryId)).size },
      ip: ctx.ip,
      now: ctx.now,
    });
  });

  return ok({
    filename: `${contest.slug}-round-${round.position}-materials-${ctx.now.toISOString().slice(0, 10)}.zip`,
    files: files.map((r, i) => ({
      path: paths[i]!,
      submissionId: r.id,
      storageKey: r.storageKey!,
      size: r.size,
      sha256: r.sha256!,
      submittedAt: r.createdAt,
    })),
    manifest,
    answers: answerSheet,
    createdAt: ctx.now,
  });
}

export class ArchiveIntegrityError extends Error {
  override name = "ArchiveIntegrityError";
}

/** Passes a stored file through and fails at its end if it is not the bytes the manifest names. */
function verifying(file: ArchiveFile): Transform {
  const hash = createHash("sha256");
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const sha256 = hash.digest("hex");
      if (sha256 !== file.sha256 || (file.size !== null && size !== file.size))
        return done(new ArchiveIntegrityError(`Stored file for submission ${file.submissionId} does not match its SHA-256`));
      done();
    },
  });
}

/**
 * The ZIP as a stream. Files are stored (PDF and DOCX are compressed already) and opened one at a
 * time, when the previous one has gone out, so memory stays flat whatever the round's size; the
 * reader's pace sets the pace. A missing or altered file aborts the stream rather than ship a
 * ZIP that disagrees with its manifest.
 */
export function roundArchiveStream(storage: FileStorage, archive: RoundArchive): Readable {
  const zip = new yazl.ZipFile();
  // yazl's output is a PassThrough; its typings say only NodeJS.ReadableStream.
  const output = zip.outputStream as Readable;
  let current: Readable | null = null;
  const abort = (error: Error) => {
    current?.destroy();
    if (!output.destroyed) output.destroy(error);
  };
  zip.on("error", abort);
  // A client that goes away closes the output; the file being read then has no reader.
  output.on("close", () => current?.destroy());

  const mtime = archive.createdAt;
  zip.addBuffer(Buffer.from(archive.manifest, "utf8"), MANIFEST_NAME, { mtime });
  if (archive.answers !== null) zip.addBuffer(Buffer.from(archive.answers, "utf8"), ANSWERS_NAME, { mtime });
  for (const file of archive.files) {
    zip.addReadStreamLazy(
      file.path,
      { mtime: new Date(file.submittedAt), compress: false, ...(file.size !== null ? { size: file.size } : {}) },
      (callback) => {
        if (output.destroyed) return;
        storage.open(file.storageKey).then(
          (source) => {
            if (output.destroyed) return void source.destroy();
            const checked = verifying(file);
            source.on("error", abort);
            checked.on("error", abort);
            current = source;
            callback(null, source.pipe(checked));
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), undefined as never),
        );
      },
    );
  }
  zip.end();
  return output;
}

export interface RoundHistory {
  roundId: number;
  closesAt: string | null;
  extensionUntil: string | null;
  /** The entry's deadline: the round's, or the extension when later. */
  deadline: string | null;
  materials: {
    id: number;
    kind: MaterialKind;
    label: LocalizedText;
    required: boolean;
    /** Newest first. */
    versions: HistoryVersion[];
  }[];
}

/** Organisers: every version of every material an entry handed in for a round, and which one counts. */
export async function entryVersionHistory(ctx: ServiceContext, entryId: number, roundId: number): Promise<Result<RoundHistory>> {
  if (!ctx.actor) return fail("not_found");
  const slot = await findEntryWithRound(ctx.db, entryId, roundId);
  // Whether the entry exists is the organisers' business only.
  if (!slot || !can(ctx.actor, { type: "contest.manage", contestId: slot.contestId })) return fail("not_found");
  const [requirements, submissions, extension] = await Promise.all([
    listRequirements(ctx.db, roundId),
    listSubmissions(ctx.db, entryId, roundId),
    findExtension(ctx.db, entryId, roundId),
  ]);
  const deadline = { closesAt: slot.closesAt, extensionUntil: extension?.until ?? null };
  const statuses = versionStatuses(submissions, deadline);
  return ok({
    roundId,
    closesAt: slot.closesAt,
    extensionUntil: deadline.extensionUntil,
    deadline: effectiveDeadline(slot.closesAt, deadline.extensionUntil),
    materials: requirements.map((r) => ({
      id: r.id,
      kind: r.kind,
      label: parseLocalizedJson(r.label_i18n) ?? { en: r.kind },
      required: r.required === 1,
      versions: submissions
        .filter((s) => s.requirementId === r.id)
        .map((s) => ({
          id: s.id,
          version: s.version,
          kind: s.kind,
          fileName: s.fileName,
          size: s.size,
          sha256: s.sha256,
          pages: s.pages,
          text: s.text,
          url: s.url,
          createdAt: s.createdAt,
          uploadedBy: s.uploadedBy,
          language: s.language,
          status: statuses.get(s.id)!,
          lateByExtension: isLateByExtension(s.createdAt, slot.closesAt),
        })),
    })),
  });
}

/** The entry page's history: every round of the contest that asks for materials, in order. */
export async function entryMaterialsHistory(ctx: ServiceContext, contestId: number, entryId: number) {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const rounds = await listRounds(ctx.db, contestId);
  const out: (RoundHistory & { name: LocalizedText })[] = [];
  for (const round of rounds) {
    const history = await entryVersionHistory(ctx, entryId, round.id);
    if (!history.ok) return history;
    if (history.value.materials.length === 0) continue;
    out.push({ ...history.value, name: parseLocalizedJson(round.name_i18n) ?? { en: `#${round.id}` } });
  }
  return ok(out);
}
