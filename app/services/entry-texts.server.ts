// An entry's pitch, description and text answers in several languages. The team edits the versions
// on its texts page; judges, organisers and the public see the version in a language they read, with
// the others a link away. An original that predates this (the team's pitch, a registration answer, a
// text answer handed in) counts as the original in the entry's materials language, or an unknown one.
import { createHash } from "node:crypto";
import {
  checkVersions,
  ENTRY_TEXT_FIELDS,
  ENTRY_TEXT_LIMITS,
  pickTextVersion,
  viewerPreferences,
  type EntryTextField,
  type TextVersion,
  type VersionInput,
  type VersionProblems,
} from "#app/domain/entry-texts";
import { submissionWindow } from "#app/domain/files";
import { isMaterialLanguage, languageName } from "#app/domain/judging";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { DEFAULT_MAX_LENGTH, type QuestionDefinition } from "#app/domain/questions";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import {
  findJudgeLanguages,
  latestTextSubmissions,
  listEntryTexts,
  listTextRequirements,
  listTextSources,
  type EntryTextRow,
} from "#app/data/entry-texts.server";
import { findEntryWithRound, findExtension } from "#app/data/submissions.server";
import type { ServiceContext } from "./context.server";
import { lastSubmissionDeadline } from "./entry-language.server";
import { listQuestionDefinitions } from "./questions.server";
import { fail, ok, type Result, type ServiceError } from "./result";

/** A text-answer material's default limit, as when it is handed in (submissions.server.ts). */
const MATERIAL_DEFAULT_MAX = 2000;

/** Who is looking: the UI language, what else they read (a judge's profile), the version they asked for. */
export interface TextViewer {
  uiLanguage: string;
  reads?: readonly string[];
  requested?: string | null;
}

/** One text as shown: the version picked for the viewer and the others, language names made on the server. */
export interface EntryTextView {
  text: string;
  language: string | null;
  /** Null when the team never said which language the original is in. */
  languageName: string | null;
  original: boolean;
  matched: boolean;
  others: Array<{ language: string | null; name: string | null; original: boolean }>;
}

function nameOf(code: string | null, locale: string): string | null {
  return code === null ? null : languageName(code, locale);
}

/** The picked version of one text for the viewer, or null when it has no text at all. */
export function textView(versions: readonly TextVersion[], viewer: TextViewer): EntryTextView | null {
  const choice = pickTextVersion(versions, viewerPreferences(viewer));
  if (!choice) return null;
  return {
    text: choice.text,
    language: choice.language,
    languageName: nameOf(choice.language, viewer.uiLanguage),
    original: choice.original,
    matched: choice.matched,
    others: choice.others.map((o) => ({ ...o, name: nameOf(o.language, viewer.uiLanguage) })),
  };
}

const knownLanguage = (code: string | null | undefined) => (code && isMaterialLanguage(code) ? code : null);

function parseAnswers(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

type Source = Awaited<ReturnType<typeof listTextSources>>[number];

/** The versions of one text: the stored ones, and the original from where it always lived when none is stored. */
function versionsOf(
  rows: readonly EntryTextRow[],
  legacy: { text: string | null; language: string | null } | null,
): TextVersion[] {
  const versions: TextVersion[] = rows.map((r) => ({ language: r.language, text: r.body, original: r.isOriginal === 1 }));
  if (!versions.some((v) => v.original) && legacy?.text?.trim())
    versions.push({ language: knownLanguage(legacy.language), text: legacy.text.trim(), original: true });
  return versions;
}

const rowsFor = (rows: readonly EntryTextRow[], entryId: number, field: EntryTextField, ref = "") =>
  rows.filter((r) => r.entryId === entryId && r.field === field && r.ref === ref);

export interface EntryTextViews {
  pitch: EntryTextView | null;
  description: EntryTextView | null;
  /** Registration answers that have translations, by question key. */
  answers: Record<string, EntryTextView>;
}

/** The whole-entry texts of several entries for one viewer (one query for all of them). */
export async function entryTextViews(
  db: DB,
  entryIds: readonly number[],
  viewer: TextViewer,
): Promise<Map<number, EntryTextViews>> {
  const [sources, rows] = await Promise.all([
    listTextSources(db, entryIds),
    listEntryTexts(db, entryIds, ["pitch", "description", "answer"]),
  ]);
  const out = new Map<number, EntryTextViews>();
  for (const source of sources) {
    const language = source.materialsLanguage;
    const answers: Record<string, EntryTextView> = {};
    const stored = parseAnswers(source.answersJson);
    const answerKeys = new Set(rows.filter((r) => r.entryId === source.id && r.field === "answer").map((r) => r.ref));
    for (const key of answerKeys) {
      const value = stored[key];
      const view = textView(
        versionsOf(rowsFor(rows, source.id, "answer", key), { text: typeof value === "string" ? value : null, language }),
        viewer,
      );
      if (view) answers[key] = view;
    }
    out.set(source.id, {
      pitch: textView(versionsOf(rowsFor(rows, source.id, "pitch"), { text: source.teamPitch, language }), viewer),
      description: textView(versionsOf(rowsFor(rows, source.id, "description"), null), viewer),
      answers,
    });
  }
  return out;
}

/**
 * The text-answer materials of one entry as a viewer sees them: each handed-in text (the version that
 * counts) with its translations, by requirement id.
 */
export async function materialTextViews(
  db: DB,
  entryId: number,
  materials: ReadonlyArray<{ requirementId: number; text: string | null; language: string | null }>,
  viewer: TextViewer,
): Promise<Record<number, EntryTextView>> {
  const texts = materials.filter((m) => m.text !== null);
  if (texts.length === 0) return {};
  const [sources, rows] = await Promise.all([listTextSources(db, [entryId]), listEntryTexts(db, [entryId], ["material"])]);
  const entryLanguage = sources[0]?.materialsLanguage ?? null;
  const out: Record<number, EntryTextView> = {};
  for (const m of texts) {
    const view = textView(
      versionsOf(rowsFor(rows, entryId, "material", String(m.requirementId)), {
        text: m.text,
        language: m.language ?? entryLanguage,
      }),
      viewer,
    );
    if (view) out[m.requirementId] = view;
  }
  return out;
}

/** What a judge reads, for the texts of their scoring and comparison pages. */
export async function judgeViewer(
  db: DB,
  input: { contestId: number; judgeId: number; uiLanguage: string; requested?: string | null },
): Promise<TextViewer> {
  return {
    uiLanguage: input.uiLanguage,
    reads: await findJudgeLanguages(db, input.contestId, input.judgeId),
    requested: input.requested,
  };
}

// ---- The team's texts page ---------------------------------------------------------------------

export interface TextForm {
  field: EntryTextField;
  ref: string;
  /** A question's or material's label; null for the pitch and description (the page names them). */
  label: LocalizedText | null;
  /** The round of a material. */
  round: LocalizedText | null;
  maxLength: number;
  /** Pitch and description: the original is written here. Answers and materials: shown, changed elsewhere. */
  originalHere: boolean;
  original: { language: string | null; text: string } | null;
  /** The original comes from the team's profile (pitch) until the entry has its own. */
  originalFromTeam: boolean;
  translations: Array<{ language: string; text: string }>;
  editable: boolean;
  /** A fingerprint of the stored versions: a save made from an older page is refused. */
  basis: string;
}

export interface TextsPage {
  entryId: number;
  code: string;
  teamId: number;
  contestId: number;
  withdrawn: boolean;
  materialsLanguage: string | null;
  /** Until when the pitch, description and answers may change; null when no deadline is set yet. */
  locksAt: string | null;
  forms: TextForm[];
}

function basisOf(rows: readonly EntryTextRow[]): string {
  const canonical = rows
    .map((r) => `${r.language}\u0000${r.isOriginal}\u0000${r.body}`)
    .sort()
    .join("\u0001");
  return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
}

const isTextQuestion = (q: QuestionDefinition) => q.kind === "short_text" || q.kind === "long_text";
const answerMax = (q: QuestionDefinition) => q.maxLength ?? DEFAULT_MAX_LENGTH[q.kind as "short_text" | "long_text"];

async function entryLock(db: DB, entryId: number, contestId: number, now: Date) {
  const rounds = await db
    .selectFrom("rounds")
    .leftJoin("deadline_extensions", (j) =>
      j.onRef("deadline_extensions.round_id", "=", "rounds.id").on("deadline_extensions.entry_id", "=", entryId),
    )
    .select(["rounds.submission_closes_at as closesAt", "deadline_extensions.until as extensionUntil"])
    .where("rounds.contest_id", "=", contestId)
    .execute();
  const locksAt = lastSubmissionDeadline(rounds);
  return { locksAt, locked: locksAt !== null && now.getTime() >= Date.parse(locksAt) };
}

/** Whether the entry may still hand in (and so translate) a round's text answers now. */
async function roundOpen(db: DB, entryId: number, roundId: number, now: Date): Promise<boolean> {
  const slot = await findEntryWithRound(db, entryId, roundId);
  if (!slot || slot.status !== "registered" || !slot.takesPart) return false;
  const extension = await findExtension(db, entryId, roundId);
  return submissionWindow({ opensAt: slot.opensAt, closesAt: slot.closesAt }, extension?.until ?? null, now) === "open";
}

/** The team's own entry, for a member of its team; anyone else finds nothing. */
async function teamEntry(ctx: ServiceContext, db: DB, entryId: number): Promise<Source | null> {
  if (!ctx.actor) return null;
  const [source] = await listTextSources(db, [entryId]);
  if (!source || !ctx.actor.teams.some((t) => t.teamId === source.teamId)) return null;
  return source;
}

interface TextSlot {
  field: EntryTextField;
  ref: string;
  label: LocalizedText | null;
  round: LocalizedText | null;
  maxLength: number;
  originalHere: boolean;
  legacy: { text: string | null; language: string | null } | null;
  open: boolean;
}

/** Every text of the entry a team may give versions of, with where its original is and whether it may change now. */
async function textSlots(db: DB, source: Source, now: Date): Promise<TextSlot[]> {
  const [questions, requirements, lock] = await Promise.all([
    listQuestionDefinitions(db, source.contestId),
    listTextRequirements(db, source.contestId),
    entryLock(db, source.id, source.contestId, now),
  ]);
  const registered = source.status === "registered";
  const entryOpen = registered && !lock.locked;
  const answers = parseAnswers(source.answersJson);
  const latest = await latestTextSubmissions(
    db,
    source.id,
    requirements.map((r) => r.id),
  );
  const openRounds = new Map<number, boolean>();
  for (const roundId of new Set(requirements.map((r) => r.roundId)))
    openRounds.set(roundId, registered && (await roundOpen(db, source.id, roundId, now)));
  const language = source.materialsLanguage;
  return [
    {
      field: "pitch",
      ref: "",
      label: null,
      round: null,
      maxLength: ENTRY_TEXT_LIMITS.pitch,
      originalHere: true,
      legacy: { text: source.teamPitch, language },
      open: entryOpen,
    },
    {
      field: "description",
      ref: "",
      label: null,
      round: null,
      maxLength: ENTRY_TEXT_LIMITS.description,
      originalHere: true,
      legacy: null,
      open: entryOpen,
    },
    ...questions.filter(isTextQuestion).map((q): TextSlot => ({
      field: "answer",
      ref: q.key,
      label: q.label,
      round: null,
      maxLength: answerMax(q),
      originalHere: false,
      legacy: { text: typeof answers[q.key] === "string" ? (answers[q.key] as string) : null, language },
      open: entryOpen,
    })),
    ...requirements.map((r): TextSlot => {
      const handedIn = latest.find((s) => s.requirementId === r.id);
      return {
        field: "material",
        ref: String(r.id),
        label: parseLocalizedJson(r.labelJson),
        round: parseLocalizedJson(r.roundNameJson),
        maxLength: r.maxChars ?? MATERIAL_DEFAULT_MAX,
        originalHere: false,
        legacy: handedIn ? { text: handedIn.text, language: handedIn.language ?? language } : null,
        open: openRounds.get(r.roundId) ?? false,
      };
    }),
  ];
}

/** The team's texts page: every text with its versions, and which of them may change now. */
export async function entryTextsForTeam(ctx: ServiceContext, entryId: number): Promise<Result<TextsPage>> {
  const source = await teamEntry(ctx, ctx.db, entryId);
  if (!source) return fail("not_found");
  const [slots, rows, lock] = await Promise.all([
    textSlots(ctx.db, source, ctx.now),
    listEntryTexts(ctx.db, [entryId]),
    entryLock(ctx.db, entryId, source.contestId, ctx.now),
  ]);
  return ok({
    entryId,
    code: source.code,
    teamId: source.teamId,
    contestId: source.contestId,
    withdrawn: source.status !== "registered",
    materialsLanguage: source.materialsLanguage,
    locksAt: lock.locksAt,
    forms: slots.map((slot): TextForm => {
      const stored = rowsFor(rows, entryId, slot.field, slot.ref);
      const storedOriginal = stored.find((r) => r.isOriginal === 1);
      const legacyText = slot.legacy?.text?.trim() || null;
      return {
        field: slot.field,
        ref: slot.ref,
        label: slot.label,
        round: slot.round,
        maxLength: slot.maxLength,
        originalHere: slot.originalHere,
        original: storedOriginal
          ? { language: storedOriginal.language, text: storedOriginal.body }
          : legacyText
            ? { language: knownLanguage(slot.legacy?.language), text: legacyText }
            : null,
        originalFromTeam: slot.field === "pitch" && !storedOriginal && legacyText !== null,
        translations: stored.filter((r) => r.isOriginal === 0).map((r) => ({ language: r.language, text: r.body })),
        editable: slot.open,
        basis: basisOf(stored),
      };
    }),
  });
}

export interface TextsInput {
  field: unknown;
  ref: unknown;
  basis: unknown;
  original?: VersionInput;
  translations: readonly VersionInput[];
}

export type SaveTextsResult = Result<{ changed: boolean }> | { ok: false; error: ServiceError & { problems?: VersionProblems } };

/**
 * A member of the entry's team saves one text's versions: the original (pitch and description) and
 * the translations, replacing what was stored. Refused, with nothing changed: another team's entry
 * (not_found), a text the entry does not have, a text past its deadline, a page older than the stored
 * versions, and any bad version (language not listed or used twice, empty, too long).
 */
export async function saveEntryTexts(ctx: ServiceContext, entryId: number, input: TextsInput): Promise<SaveTextsResult> {
  const actorId = ctx.actor?.userId;
  if (actorId === undefined) return fail("not_found");
  return ctx.db.transaction().execute(async (trx): Promise<SaveTextsResult> => {
    const source = await teamEntry(ctx, trx, entryId);
    if (!source) return fail("not_found");
    const field = (ENTRY_TEXT_FIELDS as readonly unknown[]).includes(input.field) ? (input.field as EntryTextField) : null;
    const ref = typeof input.ref === "string" ? input.ref : "";
    const slot = field ? (await textSlots(trx, source, ctx.now)).find((s) => s.field === field && s.ref === ref) : undefined;
    if (!slot) return fail("entryTexts.unknown_text");
    if (source.status !== "registered") return fail("entry_withdrawn");
    if (!slot.open) return fail("entryTexts.locked");
    const originalLanguage = knownLanguage(slot.legacy?.language);
    const checked = checkVersions(
      { original: input.original, translations: input.translations },
      {
        maxLength: slot.maxLength,
        originalHere: slot.originalHere,
        originalLanguage,
        hasOriginal: Boolean(slot.legacy?.text?.trim()),
      },
    );
    if (!checked.ok) {
      const [first, code] = Object.entries(checked.problems)[0]!;
      const [bare, query] = code.split("?");
      const params = query ? Object.fromEntries(new URLSearchParams(query)) : undefined;
      return { ok: false, error: { code: bare!, field: first, params, problems: checked.problems } };
    }
    const stored = rowsFor(await listEntryTexts(trx, [entryId], [slot.field]), entryId, slot.field, slot.ref);
    if (input.basis !== basisOf(stored)) return fail("changed_by_someone_else");
    const next = [
      ...(checked.value.original ? [{ ...checked.value.original, isOriginal: 1 as const }] : []),
      ...checked.value.translations.map((t) => ({ ...t, isOriginal: 0 as const })),
    ];
    const same =
      next.length === stored.length &&
      next.every((n) => stored.some((s) => s.language === n.language && s.body === n.text && s.isOriginal === n.isOriginal));
    if (same) return ok({ changed: false });
    const at = ctx.now.toISOString();
    await trx
      .deleteFrom("entry_texts")
      .where("entry_id", "=", entryId)
      .where("field", "=", slot.field)
      .where("ref", "=", slot.ref)
      .execute();
    if (next.length)
      await trx
        .insertInto("entry_texts")
        .values(
          next.map((n) => ({
            entry_id: entryId,
            field: slot.field,
            ref: slot.ref,
            language: n.language,
            is_original: n.isOriginal,
            body: n.text,
            updated_by: actorId,
            created_at: stored.find((s) => s.language === n.language)?.createdAt ?? at,
            updated_at: at,
          })),
        )
        .execute();
    const summary = (list: ReadonlyArray<{ language: string; text: string; original: boolean }>) =>
      list.map((v) => ({ language: v.language, original: v.original, text: v.text }));
    await audit(trx, {
      actorUserId: actorId,
      action: "entry.texts_saved",
      subjectType: "entry",
      subjectId: entryId,
      contestId: source.contestId,
      before: {
        field: slot.field,
        ref: slot.ref,
        versions: summary(stored.map((s) => ({ language: s.language, text: s.body, original: s.isOriginal === 1 }))),
      },
      after: {
        field: slot.field,
        ref: slot.ref,
        versions: summary(next.map((n) => ({ language: n.language, text: n.text, original: n.isOriginal === 1 }))),
      },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ changed: true });
  });
}

/** The organisers' view of one registration's texts, in their language or the version they asked for. */
export async function entryTextsForOrganisers(
  ctx: ServiceContext,
  contestId: number,
  entryId: number,
  viewer: TextViewer,
): Promise<Result<EntryTextViews>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const [source] = await listTextSources(ctx.db, [entryId]);
  if (!source || source.contestId !== contestId) return fail("not_found");
  const views = await entryTextViews(ctx.db, [entryId], viewer);
  return ok(views.get(entryId) ?? { pitch: null, description: null, answers: {} });
}
