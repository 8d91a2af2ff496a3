// Moderation of one flagged entry on the results page: who was asked for one more review (until it
// is submitted), or a form to ask another eligible judge. Works without JavaScript.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import type { ModerationRow, ModerationView } from "#app/services/moderation.server";
import { errorText } from "#app/utils/errors";

export const ASK_JUDGE_INTENT = "askJudge";

export function AskAnotherJudge({
  code,
  row,
  window,
  error,
}: {
  code: string;
  row: ModerationRow;
  window: ModerationView["window"];
  /** The refusal of this row's last request, as an error code. */
  error: string | null;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  if (row.pending.length) {
    return (
      <p className="small">
        {t("moderation.pending", { count: row.pending.length, judges: row.pending.map((p) => p.judgeName).join(", ") })}
      </p>
    );
  }
  if (window !== "open") {
    return <p className="muted small">{t(window === "closed" ? "moderation.closed" : "moderation.notOpen")}</p>;
  }
  if (row.candidates.length === 0) return <p className="muted small">{t("moderation.noCandidates")}</p>;

  const selectId = `ask-${row.entryId}`;
  const groups = [
    { key: "fits", label: t("moderation.fits"), judges: row.candidates.filter((c) => c.knowsTrack && c.readsLanguage) },
    { key: "others", label: t("moderation.others"), judges: row.candidates.filter((c) => !(c.knowsTrack && c.readsLanguage)) },
  ].filter((g) => g.judges.length);
  const busy =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === ASK_JUDGE_INTENT &&
    navigation.formData?.get("entryId") === String(row.entryId);
  return (
    <details className="reopen" open={error ? true : undefined}>
      <summary>
        <span aria-hidden="true">{t("moderation.ask")}</span>
        <span className="visually-hidden">{t("moderation.askNamed", { code })}</span>
      </summary>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value={ASK_JUDGE_INTENT} />
        <input type="hidden" name="entryId" value={row.entryId} />
        <label htmlFor={selectId}>{t("moderation.judgeLabel", { code })}</label>
        <select
          className="fit"
          id={selectId}
          name="judgeId"
          required
          defaultValue=""
          aria-invalid={error ? true : undefined}
          aria-describedby={`${selectId}-hint${error ? ` ${selectId}-error` : ""}`}
        >
          <option value="" disabled>
            {t("moderation.choose")}
          </option>
          {groups.map((g) => (
            <optgroup key={g.key} label={g.label}>
              {g.judges.map((c) => (
                <option key={c.id} value={c.id}>
                  {t("moderation.candidate", { name: c.name, count: c.load })}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <Button type="submit" variant="secondary" busy={busy}>
          {t("moderation.send")}
        </Button>
        <p className="muted small" id={`${selectId}-hint`}>
          {t("moderation.hint")}
          {row.moreCandidates ? ` ${t("moderation.moreCandidates", { count: row.moreCandidates })}` : null}
        </p>
        {error ? (
          <p className="field-errors" id={`${selectId}-error`} role="alert">
            {errorText(t, error)}
          </p>
        ) : null}
      </Form>
    </details>
  );
}
