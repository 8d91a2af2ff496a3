// Conform's form parser, as every route and page uses it, with two guards. A form no page of ours
// sends — a list index in the millions (`criteria[9999999].weight` makes a sparse list that zod
// walks and the reply echoes back), or Conform's reserved `__intent__`/`__state__` fields filled by
// hand (Conform throws on them) — is refused as unreadable instead of hanging or crashing the
// action. And zod's own English messages, for what a schema gives no code of its own (a field sent
// twice arrives as a list), become codes of the errors catalog like every other message.
import { parseWithZod as conformParseWithZod } from "@conform-to/zod";
import type { Intent, Submission } from "@conform-to/react";
import { z } from "zod";

/** Far more rows than any list of ours takes (criteria, levels, options, milestones, rates). */
export const FORM_INDEX_MAX = 999;

/** The catalog code (errors:…) for an issue its schema gave no message of its own. */
export const formErrorMap: z.ZodErrorMap = (issue, ctx) => {
  // Passed to a parse, this map has the last word; a schema's own message ("must_accept", an
  // invalid_type_error...) arrives here as the default, different from zod's English: keep it.
  const english = z.defaultErrorMap(issue, { data: ctx.data, defaultError: ctx.defaultError }).message;
  if (ctx.defaultError !== english) return { message: ctx.defaultError };
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.received === z.ZodParsedType.undefined ? "required" : "formInput.invalid_value" };
    case z.ZodIssueCode.invalid_enum_value:
    case z.ZodIssueCode.invalid_literal:
    case z.ZodIssueCode.invalid_union:
    case z.ZodIssueCode.invalid_union_discriminator:
      return { message: "invalid_choice" };
    case z.ZodIssueCode.too_small:
      if (issue.type === "string") return { message: `too_short?min=${issue.minimum}` };
      if (issue.type === "number" || issue.type === "bigint") return { message: `number_too_small?min=${issue.minimum}` };
      return { message: "formInput.invalid_value" };
    case z.ZodIssueCode.too_big:
      if (issue.type === "string") return { message: `too_long?max=${issue.maximum}` };
      if (issue.type === "number" || issue.type === "bigint") return { message: `number_too_large?max=${issue.maximum}` };
      return { message: "formInput.invalid_value" };
    case z.ZodIssueCode.not_finite:
      return { message: "not_a_number" };
    case z.ZodIssueCode.invalid_date:
      return { message: "invalid_date" };
    default:
      return { message: "formInput.invalid_value" };
  }
};

const hasLargeIndex = (name: unknown) =>
  typeof name === "string" && [...name.matchAll(/\[(\d+)\]/g)].some((m) => Number(m[1]) > FORM_INDEX_MAX);

const smallIndex = (value: unknown) =>
  value === undefined || (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= FORM_INDEX_MAX);

/** Whether Conform could not, or should not, read the form at all. */
function isUnreadable(payload: FormData | URLSearchParams): boolean {
  for (const name of payload.keys()) if (hasLargeIndex(name)) return true;
  for (const reserved of ["__intent__", "__state__"]) {
    const values = payload.getAll(reserved);
    if (values.length > 1 || values.some((v) => typeof v !== "string")) return true;
  }
  const intent = payload.get("__intent__");
  if (typeof intent === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(intent);
    } catch {
      return true;
    }
    const target = (parsed as { payload?: Record<string, unknown> } | null)?.payload;
    if (target && typeof target === "object") {
      if (hasLargeIndex(target.name) || ![target.index, target.from, target.to].every(smallIndex)) return true;
    }
  }
  // What is left to refuse is what Conform itself throws on: a dry run with a schema that takes anything.
  try {
    conformParseWithZod(payload, { schema: z.any() });
  } catch {
    return true;
  }
  return false;
}

const unreadableSchema = z
  .any()
  .superRefine((_value, ctx) => ctx.addIssue({ code: z.ZodIssueCode.custom, message: "formInput.unreadable" }));

/** Conform's parseWithZod (synchronous form), guarded as above. */
export function parseWithZod<Schema extends z.ZodTypeAny>(
  payload: FormData | URLSearchParams,
  options: { schema: Schema | ((intent: Intent | null) => Schema); disableAutoCoercion?: boolean },
): Submission<z.input<Schema>, string[], z.output<Schema>> {
  if (isUnreadable(payload))
    return conformParseWithZod(new FormData(), { schema: unreadableSchema }) as Submission<
      z.input<Schema>,
      string[],
      z.output<Schema>
    >;
  return conformParseWithZod(payload, { ...options, errorMap: formErrorMap });
}
