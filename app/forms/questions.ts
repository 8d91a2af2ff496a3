// The organisers' question editor: one form for every kind of registration question. The form reads
// what was typed; domain/questions decides whether the question makes sense, on the client and the server.
import { z } from "zod";
import { LANGUAGES } from "#app/domain/locale";
import type { LocalizedText } from "#app/domain/localized";
import { QUESTION_KINDS, questionDefinitionSchema, type QuestionDefinition, type QuestionKind } from "#app/domain/questions";
import { localizedInput, requiredLocalized } from "./localized";

const LABEL_MAX = 300;
const HELP_MAX = 1000;
const OPTION_LABEL_MAX = 200;

// An enum, not a union of literals: getZodConstraint marks a union `required`, and a required box
// would make the browser insist on a tick when JavaScript is off. Conform sends an empty box as nothing.
const checkbox = z
  .enum(["on", "true"], { invalid_type_error: "invalid_choice" })
  .optional()
  .transform((v) => v !== undefined);
const optionalNumber = z.coerce.number({ invalid_type_error: "not_a_number" }).finite("not_a_number").optional();
const optionalDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "invalid_date")
  .optional();

// An option row may be left blank (it is dropped), and only choice kinds read the rows at all,
// so nothing here is required: the definition check below says what a choice question lacks.
const optionInput = z
  .object({
    value: z.string().trim().max(40, "option_value_invalid").optional(),
    label: localizedInput({ required: false, max: OPTION_LABEL_MAX }),
  })
  .optional();

const questionFields = z.object({
  kind: z.enum(QUESTION_KINDS, { required_error: "required", invalid_type_error: "invalid_choice" }),
  key: z
    .string({ required_error: "required" })
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "question_key_invalid"),
  label: requiredLocalized(LABEL_MAX),
  help: localizedInput({ required: false, max: HELP_MAX }),
  required: checkbox,
  options: z.array(optionInput).max(50, "too_many_options").optional(),
  min: optionalNumber,
  max: optionalNumber,
  maxLength: z.coerce
    .number({ invalid_type_error: "not_a_number" })
    .int("not_a_whole_number")
    .min(1, "number_too_small?min=1")
    .max(20_000, "number_too_large?max=20000")
    .optional(),
  minDate: optionalDate,
  maxDate: optionalDate,
});

export type QuestionFormInput = z.output<typeof questionFields>;

const isChoice = (kind: QuestionKind) => kind === "single_choice" || kind === "multiple_choice";
const isText = (kind: QuestionKind) => kind === "short_text" || kind === "long_text";

/** Option rows with something typed in them, with their row number in the form. */
function filledOptions(input: QuestionFormInput) {
  return (input.options ?? []).flatMap((option, row) =>
    option && (option.value || option.label) ? [{ row, value: option.value ?? "", label: option.label }] : [],
  );
}

/** A value for an option the organiser left without one: from its English label, else its number. */
function optionValueFrom(label: LocalizedText | null, index: number, taken: Set<string>): string {
  const base =
    (label?.en ?? "")
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 32) || `option_${index + 1}`;
  let value = base;
  for (let n = 2; taken.has(value); n++) value = `${base}_${n}`;
  return value;
}

/** The form's output as a question definition, keeping only the fields its kind uses. */
export function toQuestionDefinition(input: QuestionFormInput): QuestionDefinition {
  const def: QuestionDefinition = {
    key: input.key,
    kind: input.kind,
    label: input.label,
    help: input.help,
    required: input.required,
  };
  if (isChoice(input.kind)) {
    const rows = filledOptions(input);
    const taken = new Set(rows.map((o) => o.value).filter(Boolean));
    def.options = rows.map((o, i) => {
      const value = o.value || optionValueFrom(o.label, i, taken);
      taken.add(value);
      // A row with a value but no English label is kept as it is so the check can point at it.
      return { value, label: (o.label ?? {}) as LocalizedText };
    });
  }
  if (input.kind === "number" || input.kind === "multiple_choice") {
    if (input.min !== undefined) def.min = input.min;
    if (input.max !== undefined) def.max = input.max;
  }
  if (isText(input.kind) && input.maxLength !== undefined) def.maxLength = input.maxLength;
  if (input.kind === "date") {
    if (input.minDate !== undefined) def.minDate = input.minDate;
    if (input.maxDate !== undefined) def.maxDate = input.maxDate;
  }
  return def;
}

/**
 * Where a problem the domain reports (a path like "options.1.label") shows in the form, as a Conform
 * name: localized texts report on their English input, option rows on the row the organiser typed.
 */
export function questionFormPath(field: string | undefined, input?: QuestionFormInput): Array<string | number> {
  if (!field) return [];
  const parts: Array<string | number> = field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === "options" && typeof parts[1] === "number") {
    const rows = input ? filledOptions(input) : [];
    parts[1] = rows[parts[1]]?.row ?? parts[1];
    if (parts[2] === "label" && parts.length === 3) parts.push("en");
  }
  if ((parts[0] === "label" || parts[0] === "help") && parts.length === 1) parts.push("en");
  return parts;
}

/** The same path written as a Conform field name: options[1].label.en. */
export function questionFieldName(field: string | undefined): string | undefined {
  const path = questionFormPath(field);
  if (!path.length) return undefined;
  return path.reduce<string>(
    (name, part) => (typeof part === "number" ? `${name}[${part}]` : name ? `${name}.${part}` : part),
    "",
  );
}

/** The editor's schema: the fields, then the definition they make checked by domain/questions. */
export const questionFormSchema = questionFields.superRefine((input, ctx) => {
  const result = questionDefinitionSchema.safeParse(toQuestionDefinition(input));
  if (result.success) return;
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const path = questionFormPath(issue.path.join("."), input);
    const id = `${path.join(".")}|${issue.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: issue.message, path });
  }
});

/** A stored question as the editor's starting values. */
export function questionFormValues(def: QuestionDefinition) {
  const text = (value: LocalizedText | null | undefined) =>
    Object.fromEntries(LANGUAGES.map((l) => [l, value?.[l] ?? ""])) as Record<(typeof LANGUAGES)[number], string>;
  return {
    kind: def.kind,
    key: def.key,
    label: text(def.label),
    help: text(def.help),
    required: def.required ? "on" : "",
    options: (def.options ?? []).map((o) => ({ value: o.value, label: text(o.label) })),
    min: def.min ?? "",
    max: def.max ?? "",
    maxLength: def.maxLength ?? "",
    minDate: def.minDate ?? "",
    maxDate: def.maxDate ?? "",
  };
}
