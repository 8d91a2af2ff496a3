// Custom registration questions: organisers define them per contest and entrants answer them when they
// register. One module checks the definitions and builds the zod schema that reads the answers.
import { z } from "zod";
import { type Language } from "#app/domain/locale";
import { normaliseLocalized, pickLocalized, type LocalizedText } from "#app/domain/localized";

export const QUESTION_KINDS = [
  "short_text",
  "long_text",
  "single_choice",
  "multiple_choice",
  "number",
  "date",
  "checkbox",
  "url",
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export type QuestionOption = { value: string; label: LocalizedText };

export type QuestionDefinition = {
  /** Stable slug, /^[a-z][a-z0-9_]{0,39}$/; answers are stored under it, so it never changes. */
  key: string;
  kind: QuestionKind;
  label: LocalizedText;
  help: LocalizedText | null;
  required: boolean;
  /** Choice kinds only: 2..50 options with unique values. */
  options?: QuestionOption[];
  /** number: inclusive bounds of the value; multiple_choice: how many options may be chosen. */
  min?: number;
  max?: number;
  /** Text kinds only, 1..20000; defaults in DEFAULT_MAX_LENGTH. */
  maxLength?: number;
  /** Date kind only, inclusive, YYYY-MM-DD. */
  minDate?: string;
  maxDate?: string;
};

/** What one answer becomes after parsing; undefined means "not answered". */
export type AnswerValue = string | string[] | number | boolean;
export type Answers = Record<string, AnswerValue | undefined>;

export const MAX_QUESTIONS = 50;
export const MAX_OPTIONS = 50;
export const MAX_TEXT_LENGTH = 20_000;
export const DEFAULT_MAX_LENGTH = { short_text: 200, long_text: 5000 } as const;
export const URL_MAX_LENGTH = 2000;

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const OPTION_VALUE_PATTERN = /^[a-z0-9_-]{1,40}$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// What <input type="number"> submits: no thousands separators, no hex, no "Infinity".
const NUMBER_PATTERN = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const NO_ANSWER = "—";

const isTextKind = (kind: QuestionKind) => kind === "short_text" || kind === "long_text";
const isChoiceKind = (kind: QuestionKind) => kind === "single_choice" || kind === "multiple_choice";

/** A real calendar day written YYYY-MM-DD (year 0001 to 9999). */
export function isIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

// ---- Definitions -------------------------------------------------------------------------------

// Every leaf carries its own code so no English zod message can reach a form.
const withCode = (message: string) => ({ errorMap: () => ({ message }) });

const localizedText = (code: string) =>
  z.unknown().transform((raw, ctx): LocalizedText => {
    const text = isRecord(raw) ? normaliseLocalized(raw) : null;
    if (!text) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: code });
      return z.NEVER;
    }
    return text;
  });

// Help is optional, but help written only in other languages must not vanish silently.
const optionalLocalizedText = z.unknown().transform((raw, ctx): LocalizedText | null => {
  if (raw === undefined || raw === null) return null;
  if (isRecord(raw) && !Object.values(raw).some((v) => typeof v === "string" && v.trim())) return null;
  const text = isRecord(raw) ? normaliseLocalized(raw) : null;
  if (!text) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "question_label_missing" });
  return text;
});

const optionSchema = z.object(
  {
    value: z.string(withCode("option_value_invalid")).regex(OPTION_VALUE_PATTERN, "option_value_invalid"),
    label: localizedText("question_label_missing"),
  },
  withCode("option_value_invalid"),
);

const bound = z.number(withCode("bounds_invalid")).finite();
const isoDate = z.string(withCode("bounds_invalid")).refine(isIsoDate, "bounds_invalid");

const definitionShape = z.object(
  {
    key: z.string(withCode("question_key_invalid")).regex(KEY_PATTERN, "question_key_invalid"),
    kind: z.enum(QUESTION_KINDS, withCode("invalid_choice")),
    label: localizedText("question_label_missing"),
    help: optionalLocalizedText,
    required: z.boolean(withCode("question_invalid")).default(false),
    options: z.array(optionSchema, withCode("options_required")).optional(),
    min: bound.optional(),
    max: bound.optional(),
    maxLength: z.number(withCode("max_length_invalid")).optional(),
    minDate: isoDate.optional(),
    maxDate: isoDate.optional(),
  },
  withCode("question_invalid"),
);

type DefinitionInput = z.output<typeof definitionShape>;

function checkDefinition(def: DefinitionInput, ctx: z.RefinementCtx): void {
  const issue = (message: string, ...path: Array<string | number>) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, message, path });
  const options = def.options ?? [];

  if (isChoiceKind(def.kind)) {
    if (options.length < 2) issue("options_required", "options");
    if (options.length > MAX_OPTIONS) issue("too_many_options", "options");
    const seen = new Set<string>();
    options.forEach((option, i) => {
      if (seen.has(option.value)) issue("duplicate_option", "options", i, "value");
      seen.add(option.value);
    });
  } else if (options.length > 0) {
    issue("options_not_allowed", "options");
  }

  if (def.maxLength !== undefined) {
    const fits = Number.isInteger(def.maxLength) && def.maxLength >= 1 && def.maxLength <= MAX_TEXT_LENGTH;
    if (!isTextKind(def.kind) || !fits) issue("max_length_invalid", "maxLength");
  }

  for (const name of ["min", "max"] as const) {
    const value = def[name];
    if (value === undefined) continue;
    if (def.kind === "number") continue;
    // For multiple_choice the bounds count selections: whole numbers, and at least one may be chosen.
    const countOk = Number.isInteger(value) && value >= (name === "min" ? 0 : 1);
    if (def.kind !== "multiple_choice" || !countOk) issue("bounds_invalid", name);
  }
  if (def.min !== undefined && def.max !== undefined && def.min > def.max) issue("bounds_inverted", "min");
  // Asking for more selections than there are options would make the question unanswerable.
  if (def.kind === "multiple_choice" && def.min !== undefined && options.length >= 2 && def.min > options.length) {
    issue("bounds_inverted", "min");
  }

  for (const name of ["minDate", "maxDate"] as const) {
    if (def[name] !== undefined && def.kind !== "date") issue("bounds_invalid", name);
  }
  if (def.minDate !== undefined && def.maxDate !== undefined && def.minDate > def.maxDate) issue("bounds_inverted", "minDate");
}

/** Checks one definition and returns it with only the fields its kind uses. */
export const questionDefinitionSchema: z.ZodType<QuestionDefinition, z.ZodTypeDef, unknown> = definitionShape
  .superRefine(checkDefinition)
  .transform((def): QuestionDefinition => {
    const out: QuestionDefinition = { key: def.key, kind: def.kind, label: def.label, help: def.help, required: def.required };
    if (isChoiceKind(def.kind)) out.options = def.options;
    if (def.min !== undefined) out.min = def.min;
    if (def.max !== undefined) out.max = def.max;
    if (def.maxLength !== undefined) out.maxLength = def.maxLength;
    if (def.minDate !== undefined) out.minDate = def.minDate;
    if (def.maxDate !== undefined) out.maxDate = def.maxDate;
    return out;
  });

export type QuestionSetIssue = { code: string; index?: number; field?: string };

/** Every problem in a contest's question list; empty when it can be saved. */
export function validateQuestionSet(defs: readonly unknown[]): QuestionSetIssue[] {
  const issues: QuestionSetIssue[] = [];
  if (defs.length > MAX_QUESTIONS) issues.push({ code: "too_many_questions" });
  const keys = new Set<string>();
  defs.forEach((def, index) => {
    const result = questionDefinitionSchema.safeParse(def);
    if (!result.success) {
      for (const issue of result.error.issues) {
        issues.push({ code: issue.message, index, ...(issue.path.length ? { field: issue.path.join(".") } : {}) });
      }
    }
    const key = isRecord(def) ? def.key : undefined;
    if (typeof key === "string") {
      if (keys.has(key)) issues.push({ code: "duplicate_question_key", index, field: "key" });
      keys.add(key);
    }
  });
  return issues;
}

// ---- Answers -----------------------------------------------------------------------------------

type Read = { value: AnswerValue | undefined } | { error: string };

const TICKED = new Set(["on", "true", "1"]);
const isTicked = (raw: unknown) => raw === true || (typeof raw === "string" && TICKED.has(raw.trim().toLowerCase()));

/** FormData.get gives the first of repeated fields; do the same for arrays. Files are not answers. */
function firstString(raw: unknown): string | undefined {
  const value = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
  return typeof value === "string" ? value : undefined;
}

function readText(def: QuestionDefinition, raw: unknown): Read {
  // Browsers send textarea line breaks as CRLF but count them as one character for maxlength.
  let text = (firstString(raw) ?? "").replace(/\r\n?/g, "\n");
  if (def.kind === "short_text") text = text.replace(/\n/g, " ");
  text = text.trim();
  if (!text) return def.required ? { error: "required" } : { value: undefined };
  const max = def.maxLength ?? (def.kind === "long_text" ? DEFAULT_MAX_LENGTH.long_text : DEFAULT_MAX_LENGTH.short_text);
  if (text.length > max) return { error: `too_long?max=${max}` };
  return { value: text };
}

function readChoices(def: QuestionDefinition, raw: unknown): Read {
  const allowed = (def.options ?? []).map((o) => o.value);
  const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const picked = new Set<string>();
  for (const item of list) {
    if (typeof item !== "string") return { error: "invalid_choice" };
    const value = item.trim();
    if (!value) continue;
    if (!allowed.includes(value)) return { error: "invalid_choice" };
    picked.add(value);
  }
  if (picked.size === 0) return def.required ? { error: "required" } : { value: undefined };
  if (def.min !== undefined && picked.size < def.min) return { error: `too_few_choices?min=${def.min}` };
  if (def.max !== undefined && picked.size > def.max) return { error: `too_many_choices?max=${def.max}` };
  return { value: allowed.filter((v) => picked.has(v)) }; // in the organiser's order, whatever the form's
}

function readAnswer(def: QuestionDefinition, raw: unknown): Read {
  const empty = (): Read => (def.required ? { error: "required" } : { value: undefined });
  switch (def.kind) {
    case "short_text":
    case "long_text":
      return readText(def, raw);
    case "multiple_choice":
      return readChoices(def, raw);
    case "single_choice": {
      const value = firstString(raw)?.trim();
      if (!value) return empty();
      return def.options?.some((o) => o.value === value) ? { value } : { error: "invalid_choice" };
    }
    case "number": {
      let value: number;
      if (typeof raw === "number") value = raw;
      else {
        const text = firstString(raw)?.trim();
        if (!text) return empty();
        if (!NUMBER_PATTERN.test(text)) return { error: "not_a_number" };
        value = Number(text);
      }
      if (!Number.isFinite(value)) return { error: "not_a_number" };
      if (def.min !== undefined && value < def.min) return { error: `number_too_small?min=${def.min}` };
      if (def.max !== undefined && value > def.max) return { error: `number_too_large?max=${def.max}` };
      return { value };
    }
    case "date": {
      const value = firstString(raw)?.trim();
      if (!value) return empty();
      if (!isIsoDate(value)) return { error: "invalid_date" };
      // Fixed-width YYYY-MM-DD strings compare in calendar order.
      if (def.minDate !== undefined && value < def.minDate) return { error: `date_too_early?min=${def.minDate}` };
      if (def.maxDate !== undefined && value > def.maxDate) return { error: `date_too_late?max=${def.maxDate}` };
      return { value };
    }
    case "checkbox": {
      const ticked = isTicked(Array.isArray(raw) ? raw[0] : raw);
      return def.required && !ticked ? { error: "must_accept" } : { value: ticked };
    }
    case "url": {
      const value = firstString(raw)?.trim();
      if (!value) return empty();
      // The literal prefix rules out javascript:, data:, ftp: and "http:evil" forms the URL parser repairs.
      if (value.length > URL_MAX_LENGTH || !/^https?:\/\/[^\s/]/i.test(value) || /[\s\u0000-\u001f\u007f]/.test(value)) {
        return { error: "url_invalid" };
      }
      try {
        return new URL(value).hostname ? { value } : { error: "url_invalid" };
      } catch {
        return { error: "url_invalid" };
      }
    }
  }
}

export type AnswerSchema = z.ZodObject<Record<string, z.ZodType<AnswerValue | undefined, z.ZodTypeDef, unknown>>>;

/** The zod schema for one contest's answers, keyed by question key; unknown keys are stripped. */
export function buildAnswersSchema(defs: readonly QuestionDefinition[]): AnswerSchema {
  const shape: Record<string, z.ZodType<AnswerValue | undefined, z.ZodTypeDef, unknown>> = {};
  for (const def of defs) {
    shape[def.key] = z.unknown().transform((raw, ctx) => {
      const read = readAnswer(def, raw);
      if ("error" in read) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: read.error });
        return z.NEVER;
      }
      return read.value;
    });
  }
  return z.object(shape);
}

/** Reads each question's `prefix + key` field; multiple_choice reads every value sent. */
export function answersFromFormData(
  defs: readonly QuestionDefinition[],
  formData: FormData,
  prefix = "q_",
): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const def of defs) {
    const name = prefix + def.key;
    if (def.kind === "multiple_choice") {
      out[def.key] = formData.getAll(name).filter((v): v is string => typeof v === "string");
    } else {
      const value = formData.get(name);
      out[def.key] = typeof value === "string" ? value : undefined;
    }
  }
  return out;
}

/** One answer as text for the viewer: choice labels in their language, "—" when not answered. */
export function formatAnswer(def: QuestionDefinition, value: unknown, language: Language): string {
  if (def.kind === "checkbox") return isTicked(value) ? "✓" : NO_ANSWER;
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
    return NO_ANSWER;
  }
  const list: unknown[] = Array.isArray(value) ? value : [value];
  switch (def.kind) {
    case "single_choice":
    case "multiple_choice":
      // An option removed after someone chose it still shows, by its value.
      return list
        .map((v) => {
          const option = def.options?.find((o) => o.value === v);
          return option ? pickLocalized(option.label, language) : String(v);
        })
        .join(", ");
    case "number":
      // "min2" keeps years as 2026 while grouping 12,500.
      return list
        .map((v) =>
          typeof v === "number"
            ? new Intl.NumberFormat(language, { useGrouping: "min2", maximumFractionDigits: 20 }).format(v)
            : String(v),
        )
        .join(", ");
    default:
      return list.map(String).join(", ");
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
