// A text field in every language: English required (or optional), the others optional.
import { z } from "zod";
import { LANGUAGES } from "#app/domain/locale";
import type { LocalizedText } from "#app/domain/localized";

export function localizedInput(options: { required: boolean; max: number }) {
  const text = z.string().trim().max(options.max, `too_long?max=${options.max}`).optional();
  const shape = Object.fromEntries(LANGUAGES.map((l) => [l, text])) as Record<(typeof LANGUAGES)[number], typeof text>;
  // A form with every language left empty sends nothing at all for the field, so the object is optional;
  // a missing English text is reported on the English input, where the user can fix it.
  return z
    .object(shape)
    .optional()
    .transform((given, ctx) => {
      const out: Record<string, string> = {};
      for (const l of LANGUAGES) {
        const value = given?.[l];
        if (value) out[l] = value;
      }
      if (!out.en) {
        if (options.required) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["en"], message: "required" });
        return null;
      }
      return out as LocalizedText;
    });
}

/** Required texts come out as LocalizedText (never null): the schema refused a missing English. */
export function requiredLocalized(max: number) {
  return localizedInput({ required: true, max }).transform((v) => v as LocalizedText);
}
