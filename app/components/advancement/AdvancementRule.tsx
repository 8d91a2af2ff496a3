// The advancement rule as a GET form: top N per track, or everyone at or above a score. Changing it
// only previews; nothing is stored until the organiser confirms.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import type { CutRule } from "#app/domain/ranking";

export function AdvancementRule({ rule, action }: { rule: CutRule; action: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" action={action} className="card stack">
      <fieldset className="stack">
        <legend>{t("advancement.ruleLegend")}</legend>
        <div className="rule-option">
          <input type="radio" id="rule-top" name="rule" value="top" defaultChecked={rule.kind === "top"} />
          <label htmlFor="rule-top">{t("advancement.ruleTop")}</label>
          <label htmlFor="rule-n" className="visually-hidden">
            {t("advancement.ruleTopCount")}
          </label>
          <input
            id="rule-n"
            name="n"
            type="number"
            min={1}
            max={10000}
            step={1}
            inputMode="numeric"
            defaultValue={rule.kind === "top" ? rule.n : 2}
            className="input-narrow"
          />
        </div>
        <div className="rule-option">
          <input type="radio" id="rule-above" name="rule" value="above" defaultChecked={rule.kind === "above"} />
          <label htmlFor="rule-above">{t("advancement.ruleAbove")}</label>
          <label htmlFor="rule-score" className="visually-hidden">
            {t("advancement.ruleAboveScore")}
          </label>
          <input
            id="rule-score"
            name="score"
            type="number"
            min={0}
            max={100}
            step="any"
            inputMode="decimal"
            defaultValue={rule.kind === "above" ? rule.score : 70}
            className="input-narrow"
          />
        </div>
      </fieldset>
      <div>
        <Button type="submit" variant="secondary">
          {t("advancement.preview")}
        </Button>
      </div>
    </Form>
  );
}
