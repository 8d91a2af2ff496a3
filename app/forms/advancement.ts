// Advancement forms: the rule in the URL (read leniently: a bad value shows the default rule), a
// written change for one entry, and the confirmation, which carries the rule it was shown.
import { z } from "zod";
import { cutRuleSchema, type CutRule } from "#app/domain/ranking";

export const REASON_MAX = 500;

/** `?rule=top&n=2` or `?rule=above&score=70`; anything else is the default rule. */
export function readCutRule(params: URLSearchParams, fallback: CutRule): CutRule {
  const kind = params.get("rule");
  const parsed = cutRuleSchema.safeParse(
    kind === "above" ? { kind, score: params.get("score") ?? "" } : kind === "top" ? { kind, n: params.get("n") ?? "" } : null,
  );
  return parsed.success ? parsed.data : fallback;
}

export function cutRuleQuery(rule: CutRule): string {
  return rule.kind === "top" ? `rule=top&n=${rule.n}` : `rule=above&score=${rule.score}`;
}

export const changeSchema = z.object({
  entryId: z.coerce.number().int().positive(),
  action: z.enum(["add", "remove", "clear"], { errorMap: () => ({ message: "invalid_choice" }) }),
  reason: z.string().trim().max(REASON_MAX, `too_long?max=${REASON_MAX}`).default(""),
});
