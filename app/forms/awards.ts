// Form schemas for a round's awards: naming one, and granting one to an entry. Messages are keys of
// the errors catalog.
import { z } from "zod";
import { localizedInput, requiredLocalized } from "./localized";

export const AWARD_NAME_MAX = 120;
export const AWARD_DESCRIPTION_MAX = 2000;
export const CITATION_MAX = 500;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const awardSchema = z.object({
  name: requiredLocalized(AWARD_NAME_MAX),
  description: localizedInput({ required: false, max: AWARD_DESCRIPTION_MAX }),
});
export type AwardInput = z.output<typeof awardSchema>;

export const grantSchema = z.object({
  // The select starts on an empty "choose" option: nothing chosen is "required", not a bad number.
  entryId: z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: "required", invalid_type_error: "invalid_choice" })
      .regex(/^[1-9]\d{0,14}$/, "invalid_choice")
      .transform(Number),
  ),
  citation: z.preprocess(blankToUndefined, z.string().trim().max(CITATION_MAX, `too_long?max=${CITATION_MAX}`).optional()),
});
export type GrantInput = z.output<typeof grantSchema>;
