// A compact score form for a phone: one list of allowed scores per criterion of the round's rubric.
import { useEffect, useRef, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickLocalized, type LocalizedText } from "#app/domain/localized";
import { scaleValues } from "#app/domain/score-scale";

interface Criterion {
  id: number;
  name: LocalizedText;
  weight: number;
  scale: { min: number; max: number; step: number };
}

export function PhoneScoreForm({
  action,
  assignmentId,
  version,
  submitKey,
  criteria,
  busy,
  initial,
  onSubmit,
}: {
  action: string;
  assignmentId: number;
  version: number;
  submitKey: string;
  criteria: Criterion[];
  busy: boolean;
  /** Scores still waiting to be sent (after a reload), to show them again. */
  initial: () => Array<[string, string]> | null;
  onSubmit: (fields: Array<[string, string]>) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const fields = initial();
    if (!fields || !form.current) return;
    if (fields.find(([name]) => name === "assignmentId")?.[1] !== String(assignmentId)) return;
    for (const [name, value] of fields) {
      const control = form.current.elements.namedItem(name);
      if (control instanceof HTMLSelectElement) control.value = value;
    }
  }, [initial, assignmentId]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // A fresh key for this submit; the server's one stands in where the browser has no randomUUID (plain http).
    data.set("submitKey", globalThis.crypto?.randomUUID?.() ?? submitKey);
    onSubmit([...data.entries()].map(([name, value]) => [name, String(value)]));
  };

  return (
    <form ref={form} method="post" action={action} onSubmit={submit} className="card stack roadshow-score-form">
      <h2>{t("roadshow.phone.formTitle")}</h2>
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="submitKey" value={submitKey} />
      <fieldset disabled={busy} className="stack">
        <legend className="visually-hidden">{t("roadshow.phone.formTitle")}</legend>
        {criteria.map((c) => {
          const id = `score-${c.id}`;
          return (
            <div className="field roadshow-score-field" key={c.id}>
              <label htmlFor={id}>
                {pickLocalized(c.name, language)}{" "}
                <span className="muted">{t("roadshow.phone.weight", { weight: c.weight })}</span>
              </label>
              <select id={id} name={`score.${c.id}`} required defaultValue="">
                <option value="">—</option>
                {scaleValues(c.scale).map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        <Button type="submit" busy={busy}>
          {t("roadshow.phone.submit")}
        </Button>
      </fieldset>
    </form>
  );
}
