// One award of a round: its winners with a way to revoke each, a grant form, and the award's own
// controls (reorder, rename, remove). Every control names the award it acts on for screen readers.
import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { errorText } from "#app/utils/errors";
import { AwardForm } from "./AwardForm";
import { GrantForm, type Participant } from "./GrantForm";

/** What the awards page's action answers when it does not redirect. */
export type AwardActionData =
  | { intent: string; awardId: number | null; result: SubmissionResult<string[]> }
  | { intent: string; awardId: number; message: string };

export interface AwardItemView {
  id: number;
  name: LocalizedText;
  description: LocalizedText | null;
  grants: Array<{ id: number; entryId: number; code: string; teamName: string; citation: string | null }>;
}

function IntentButton({
  intent,
  fields,
  label,
  children,
  variant = "secondary",
}: {
  intent: string;
  fields: Record<string, number>;
  label: string;
  children: string;
  variant?: "secondary" | "link";
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} aria-label={label}>
        {children}
      </Button>
    </Form>
  );
}

export function AwardItem({
  award,
  first,
  last,
  participants,
  editable,
  actionData,
}: {
  award: AwardItemView;
  first: boolean;
  last: boolean;
  participants: readonly Participant[];
  editable: boolean;
  /** The action's answer, when it was about this award. */
  actionData: AwardActionData | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const name = pickLocalized(award.name, language);
  const titleId = `award-${award.id}-title`;
  const resultFor = (intent: string) =>
    actionData && "result" in actionData && actionData.intent === intent ? actionData.result : undefined;
  const message = actionData && "message" in actionData ? actionData.message : null;
  const granted = new Set(award.grants.map((g) => g.entryId));
  const available = participants.filter((p) => !granted.has(p.entryId));
  const updateResult = resultFor("update");

  return (
    <section className="card stack" aria-labelledby={titleId}>
      <div className="row">
        <h2 id={titleId} lang={pickedLanguage(award.name, language)}>
          {name}
        </h2>
        {editable ? (
          <div className="inline-form push-right">
            {first ? null : (
              <IntentButton intent="move-up" fields={{ awardId: award.id }} label={t("awards.moveUpNamed", { award: name })}>
                {t("awards.moveUp")}
              </IntentButton>
            )}
            {last ? null : (
              <IntentButton intent="move-down" fields={{ awardId: award.id }} label={t("awards.moveDownNamed", { award: name })}>
                {t("awards.moveDown")}
              </IntentButton>
            )}
            <IntentButton
              intent="delete"
              fields={{ awardId: award.id }}
              label={t("awards.deleteNamed", { award: name })}
              variant="link"
            >
              {t("awards.delete")}
            </IntentButton>
          </div>
        ) : null}
      </div>
      {award.description ? (
        <p className="muted" lang={pickedLanguage(award.description, language)}>
          {pickLocalized(award.description, language)}
        </p>
      ) : null}
      {message ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, message)}
        </p>
      ) : null}

      <h3>{t("awards.winners")}</h3>
      {award.grants.length === 0 ? (
        <p className="muted">{t("awards.noWinners")}</p>
      ) : (
        <ul className="plain-list">
          {award.grants.map((grant) => (
            <li key={grant.id} className="row">
              <span>
                <strong className="entry-code">{grant.code}</strong> {grant.teamName}
                {grant.citation ? <span className="muted small"> — {grant.citation}</span> : null}
              </span>
              {editable ? (
                <div className="push-right">
                  <IntentButton
                    intent="revoke"
                    fields={{ awardId: award.id, grantId: grant.id }}
                    label={t("awards.revokeNamed", { award: name, entry: `${grant.code} ${grant.teamName}` })}
                    variant="link"
                  >
                    {t("awards.revoke")}
                  </IntentButton>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {editable ? (
        available.length === 0 ? (
          <p className="field-hint">{participants.length === 0 ? t("awards.noParticipants") : t("awards.allGranted")}</p>
        ) : (
          <GrantForm
            // Fresh after each grant, so the select starts on "choose" again.
            key={award.grants.map((g) => g.id).join("-")}
            awardId={award.id}
            awardName={name}
            participants={available}
            lastResult={resultFor("grant")}
          />
        )
      ) : null}

      {editable ? (
        <details open={Boolean(updateResult)}>
          <summary>
            {t("awards.edit")}
            <span className="visually-hidden">: {name}</span>
          </summary>
          <AwardForm
            key={JSON.stringify([award.name, award.description])}
            formId={`award-${award.id}`}
            intent="update"
            award={award}
            lastResult={updateResult}
            submitLabel={t("awards.save")}
          />
        </details>
      ) : null}
    </section>
  );
}
