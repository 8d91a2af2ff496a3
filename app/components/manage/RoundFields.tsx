// The fields of a round, shared by the "add" and "edit" forms.
import { useTranslation } from "react-i18next";
import { CheckboxField, TextField, type FieldRef } from "#app/components/ui/Field";
import { LocalizedFields } from "#app/components/ui/LocalizedFields";
import type { FieldMetadata } from "@conform-to/react";

type RoundFieldSet = {
  name: FieldMetadata<never> | FieldRef;
  submissionOpensAt: FieldRef;
  submissionClosesAt: FieldRef;
  reviewOpensAt: FieldRef;
  reviewClosesAt: FieldRef;
  blindReview: FieldRef;
  judgesPerEntry: FieldRef;
};

export function RoundFields({ fields, timeZone }: { fields: RoundFieldSet; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <>
      <LocalizedFields meta={fields.name as Parameters<typeof LocalizedFields>[0]["meta"]} label={t("manage.roundName")} />
      <fieldset>
        <legend>{t("manage.windows")}</legend>
        <p className="field-hint">{t("manage.windowHint", { zone: timeZone })}</p>
        <TextField meta={fields.submissionOpensAt} type="datetime-local" label={t("manage.submissionOpens")} />
        <TextField meta={fields.submissionClosesAt} type="datetime-local" label={t("manage.submissionCloses")} />
        <TextField meta={fields.reviewOpensAt} type="datetime-local" label={t("manage.reviewOpens")} />
        <TextField meta={fields.reviewClosesAt} type="datetime-local" label={t("manage.reviewCloses")} />
      </fieldset>
      <TextField meta={fields.judgesPerEntry} type="number" label={t("manage.judgesPerEntry")} />
      <CheckboxField meta={fields.blindReview} label={t("manage.blindReview")} hint={t("manage.blindReviewHint")} />
    </>
  );
}
