// Inviting a mentor by email for some of a cohort's teams, and the invitations still waiting for an
// answer (resend with a fresh link, or revoke).
import { FormProvider, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup } from "#app/components/judging/CheckboxGroup";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import { FormErrors, TextField } from "#app/components/ui/Field";
import { mentorInviteSchema } from "#app/forms/cohorts";

export function InviteMentor({
  teams,
  lastResult,
}: {
  teams: ReadonlyArray<{ id: number; code: string; teamName: string }>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "invite-mentor",
    lastResult,
    constraint: getZodConstraint(mentorInviteSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mentorInviteSchema }),
  });
  return (
    <div className="card">
      <h2 id="invite-mentor-title">{t("cohorts.inviteTitle")}</h2>
      <p className="field-hint">{t("cohorts.inviteIntro")}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} aria-labelledby="invite-mentor-title">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="invite" />
          <div className="narrow-form">
            <TextField meta={fields.email} type="email" label={t("cohorts.mentorEmail")} autoComplete="off" />
            <TextField meta={fields.name} label={t("cohorts.mentorName")} autoComplete="off" />
            <TextField
              meta={fields.organisation}
              label={t("cohorts.mentorOrganisation")}
              hint={t("cohorts.mentorOrganisationHint")}
              autoComplete="off"
            />
          </div>
          {teams.length ? (
            <CheckboxGroup
              meta={fields.cohortTeamIds}
              legend={t("cohorts.mentorTeams")}
              hint={t("cohorts.mentorTeamsHint")}
              columns="wide"
              options={teams.map((team) => ({ value: String(team.id), label: `${team.code} — ${team.teamName}` }))}
            />
          ) : null}
          <Button type="submit" busy={navigation.state === "submitting" && navigation.formData?.get("intent") === "invite"}>
            {t("cohorts.invite")}
          </Button>
        </Form>
      </FormProvider>
    </div>
  );
}

export interface PendingInvitation {
  id: number;
  email: string;
  name: string | null;
  organisation: string | null;
  expiresAt: string;
  expired: boolean;
  teamCodes: string[];
}

export function PendingMentorInvitations({
  invitations,
  viewerTimeZone,
}: {
  invitations: readonly PendingInvitation[];
  viewerTimeZone: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{t("cohorts.pendingTitle")}</h2>
      {invitations.length === 0 ? (
        <p>{t("cohorts.pendingNone")}</p>
      ) : (
        <ul className="plain-list">
          {invitations.map((inv) => (
            <li key={inv.id} className="row">
              <span>
                <strong>{inv.email}</strong>
                {inv.name ? ` — ${inv.name}` : ""}
                {inv.organisation ? <span className="muted small"> · {inv.organisation}</span> : null}
                <br />
                <span className="small">
                  {inv.teamCodes.length
                    ? t("cohorts.invitedFor", { codes: inv.teamCodes.join(", ") })
                    : t("cohorts.invitedForNone")}
                  {" · "}
                  {inv.expired ? (
                    <span className="status status-missing">{t("cohorts.expired")}</span>
                  ) : (
                    <>
                      {t("cohorts.expires")} <Time iso={inv.expiresAt} timeZone={viewerTimeZone} />
                    </>
                  )}
                </span>
              </span>
              <span className="push-right actions">
                <Form method="post">
                  <input type="hidden" name="intent" value="resend" />
                  <input type="hidden" name="invitationId" value={inv.id} />
                  <Button type="submit" variant="link" aria-label={t("cohorts.resendNamed", { email: inv.email })}>
                    {t("cohorts.resend")}
                  </Button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={inv.id} />
                  <Button type="submit" variant="link" aria-label={t("cohorts.revokeNamed", { email: inv.email })}>
                    {t("cohorts.revoke")}
                  </Button>
                </Form>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
