// The judge's review form: its field names, reading a posted form into what the reviews service
// takes, and the copy of unsaved input a browser keeps (localStorage) until the server has it.
import { z } from "zod";
import { isConfidenceLevel, levelOfStored, storedOfLevel, type ConfidenceLevel } from "#app/domain/confidence";

export const FEEDBACK_MAX = 5000;
export const NOTE_MAX = 5000;
export const COMMENT_MAX = 2000;
/** More criteria than any rubric may have (20); a form with more score fields is not ours. */
const FIELDS_MAX = 100;

/** save: a draft (button, works without JavaScript); autosave: the same, from the page's timer;
 * confirm: "are you sure?" before submitting, without JavaScript; submit: check everything and lock. */
export const REVIEW_INTENTS = ["save", "autosave", "confirm", "submit"] as const;
export type ReviewIntent = (typeof REVIEW_INTENTS)[number];

/** What the judge typed, as typed: strings, so a bad value re-renders as it was entered. */
export interface ReviewFormValues {
  /** By criterion id. */
  scores: Record<string, string>;
  comments: Record<string, string>;
  feedback: string;
  note: string;
  /** "low", "medium", "high", or "" (not given). */
  confidence: string;
}

/** The reviews service's input (ReviewInput in app/services/reviews.server.ts). */
export interface ReviewFormInput {
  version: number;
  scores: Record<number, { value: number | null; comment: string }>;
  feedback: string;
  note: string;
  /** As stored: 1–5 (app/domain/confidence.ts), from the level the judge chose. */
  confidence: number | null;
}

/**
 * The level a posted confidence names: a level word, or (from a page or a browser draft older than
 * the three levels) a number 1–5 read as its level. "" is none; anything else is invalid.
 */
export function confidenceOfInput(text: string): ConfidenceLevel | null | "invalid" {
  const value = text.trim();
  if (value === "") return null;
  if (isConfidenceLevel(value)) return value;
  return /^[1-5]$/.test(value) ? levelOfStored(Number(value))! : "invalid";
}

export const scoreField = (criterionId: number | string) => `score-${criterionId}`;
export const commentField = (criterionId: number | string) => `comment-${criterionId}`;

export function emptyReviewValues(): ReviewFormValues {
  return { scores: {}, comments: {}, feedback: "", note: "", confidence: "" };
}

/** The form's starting values from a saved review. */
export function valuesFromReview(review: {
  feedback: string;
  note: string;
  confidence: number | null;
  scores: Record<string, { value: number | null; comment: string }>;
}): ReviewFormValues {
  const values = emptyReviewValues();
  for (const [id, score] of Object.entries(review.scores)) {
    values.scores[id] = score.value === null ? "" : String(score.value);
    values.comments[id] = score.comment;
  }
  values.feedback = review.feedback;
  values.note = review.note;
  values.confidence = levelOfStored(review.confidence) ?? "";
  return values;
}

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

/** The intent, the version the page showed, and the values as posted. */
export function readReviewForm(formData: FormData): { intent: ReviewIntent; version: number | null; values: ReviewFormValues } {
  const values = emptyReviewValues();
  let fields = 0;
  for (const [name, value] of formData.entries()) {
    const match = /^(score|comment)-(\d{1,10})$/.exec(name);
    if (!match || typeof value !== "string" || ++fields > FIELDS_MAX * 2) continue;
    (match[1] === "score" ? values.scores : values.comments)[match[2]!] = value;
  }
  values.feedback = text(formData.get("feedback"));
  values.note = text(formData.get("note"));
  values.confidence = text(formData.get("confidence"));
  const intent = REVIEW_INTENTS.find((i) => i === formData.get("intent")) ?? "save";
  const version = /^\d{1,9}$/.test(text(formData.get("version"))) ? Number(formData.get("version")) : null;
  return { intent, version, values };
}

/**
 * The service's input from the form's values, or field errors (keyed by field name) for what is not
 * even a number or is too long. Whether a score lies on its scale is the service's check.
 */
export function toReviewInput(
  values: ReviewFormValues,
  version: number,
): { ok: true; input: ReviewFormInput } | { ok: false; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const scores: ReviewFormInput["scores"] = {};
  const ids = new Set([...Object.keys(values.scores), ...Object.keys(values.comments)]);
  for (const id of ids) {
    const raw = (values.scores[id] ?? "").trim();
    const comment = values.comments[id] ?? "";
    const value = raw === "" ? null : Number(raw);
    if (value !== null && !Number.isFinite(value)) errors[scoreField(id)] = ["not_a_number"];
    if (comment.length > COMMENT_MAX) errors[commentField(id)] = [`too_long?max=${COMMENT_MAX}`];
    scores[Number(id)] = { value: value !== null && Number.isFinite(value) ? value : null, comment };
  }
  if (values.feedback.length > FEEDBACK_MAX) errors.feedback = [`too_long?max=${FEEDBACK_MAX}`];
  if (values.note.length > NOTE_MAX) errors.note = [`too_long?max=${NOTE_MAX}`];
  const level = confidenceOfInput(values.confidence);
  if (level === "invalid") errors.confidence = ["confidence_invalid"];
  const confidence = level === null || level === "invalid" ? null : storedOfLevel(level);
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: { version, scores, feedback: values.feedback, note: values.note, confidence } };
}

/** The form as the page's autosave posts it. */
export function reviewFormData(values: ReviewFormValues, version: number, intent: ReviewIntent): FormData {
  const form = new FormData();
  form.set("intent", intent);
  form.set("version", String(version));
  for (const [id, value] of Object.entries(values.scores)) form.set(scoreField(id), value);
  for (const [id, value] of Object.entries(values.comments)) form.set(commentField(id), value);
  form.set("feedback", values.feedback);
  form.set("note", values.note);
  form.set("confidence", values.confidence);
  return form;
}

/** Compared as the server stores them: trimmed, numbers as numbers, blanks dropped. */
function normalise(values: ReviewFormValues) {
  const ids = [...new Set([...Object.keys(values.scores), ...Object.keys(values.comments)])].sort();
  const scores = ids
    .map((id) => {
      const raw = (values.scores[id] ?? "").trim();
      return [id, raw === "" ? null : Number(raw), (values.comments[id] ?? "").trim()] as const;
    })
    .filter(([, value, comment]) => value !== null || comment !== "");
  return JSON.stringify([scores, values.feedback.trim(), values.note.trim(), confidenceOfInput(values.confidence)]);
}

export function sameReviewValues(a: ReviewFormValues, b: ReviewFormValues): boolean {
  return normalise(a) === normalise(b);
}

/** Unsaved input kept in the browser: the values and the version of the review they were typed over. */
export interface ReviewDraft {
  version: number;
  /** When it was typed, milliseconds since 1970 (the browser's clock). */
  at: number;
  values: ReviewFormValues;
}

const stringMap = z.record(z.string());
const draftSchema = z.object({
  version: z.number().int().min(0),
  at: z.number(),
  values: z.object({ scores: stringMap, comments: stringMap, feedback: z.string(), note: z.string(), confidence: z.string() }),
});

export const draftKey = (assignmentId: number) => `trellis.review.${assignmentId}`;

/** A stored draft, or null when there is none or it is not one of ours. */
export function parseDraft(raw: string | null): ReviewDraft | null {
  if (!raw) return null;
  try {
    const parsed = draftSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * What to do with a browser's draft when the page loads. "discard": the server already has it.
 * "restore": typed over the version the server still has, so it is newer: put it back and save it.
 * "offer": typed over an older version (saved since in another tab or device, or reopened): the
 * judge decides.
 */
export function draftChoice(
  draft: ReviewDraft | null,
  server: { version: number; values: ReviewFormValues },
): "none" | "discard" | "restore" | "offer" {
  if (!draft) return "none";
  if (sameReviewValues(draft.values, server.values)) return "discard";
  return draft.version === server.version ? "restore" : "offer";
}
