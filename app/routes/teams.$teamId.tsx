// A team's own page: its details, members and invitations, and its entries in contests. Only its
// members see it; only the lead changes it.
import { FormProvider, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TeamFields } from "#app/components/teams/TeamFields";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import { FormErrors, TextField } from "#app/components/ui/Field";
import { countryName, countryOptions } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { inviteSchema, teamUpdateSchema } from "#app/forms/team";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { incubationLinks } from "#app/services/cohorts.server";
import { publishedRoundsOf } from "#app/services/publication.server";
import { withdrawEntry } from "#app/services/registration.server";
import { inviteMember, revokeInvitation } from "#app/services/invitations.server";
import { getTeamPage, handOverLead, removeMember, teamFormValues, updateTeam } from "#app/services/teams.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const teamId = parseId(params.teamId);
  const ctx = serviceContext(request, context, auth);
  const result = await getTeamPage(ctx, teamId);
  if (!result.ok) throw new Response("Not found", { status: 404 });
  // A team has few entries: one look-up each for the rounds whose results it can read.
  const published = await Promise.all(result.value.entries.map((e) => publishedRoundsOf(ctx, e.id, e.contestId)));
  const incubation = await incubationLinks(ctx, teamId);
  return {
    page: result.value,
    incubation,
    publishedRounds: Object.fromEntries(result.value.entries.map((e, i) => [e.id, published[i]!])),
    values: teamFormValues(result.value.team),
    countries: countryOptions(auth.user.preferred_language),
    me: auth.user.id,
    timeZone: auth.user.time_zone,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const teamId = parseId(params.teamId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = `/teams/${teamId}`;
  const simple = async (result: { ok: true } | { ok: false; error: { code: string } }, toast: string, to = back) =>
    result.ok
      ? redirectWithToast(to, { kind: "success", key: toast })
      : data({ intent, message: encodeError(result.error) }, { status: 400 });
  switch (intent) {
    case "update": {
      const submission = parseWithZod(formData, { schema: teamUpdateSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const result = await updateTeam(ctx, teamId, submission.value);
      if (!result.ok) return replyWithError(submission, result.error, { extra: { intent } });
      return redirectWithToast(back, { kind: "success", key: "teams.saved" });
    }
    case "invite": {
      const submission = parseWithZod(formData, { schema: inviteSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const result = await inviteMember(ctx, teamId, submission.value.email);
      if (!result.ok) return replyWithError(submission, result.error, { extra: { intent } });
      return redirectWithToast(back, { kind: "success", key: "teams.invited", params: { email: result.value.email } });
    }
    case "revoke":
      return simple(await revokeInvitation(ctx, teamId, parseId(String(formData.get("invitationId") ?? ""))), "teams.revoked");
    case "remove":
      return simple(await removeMember(ctx, teamId, parseId(String(formData.get("userId") ?? ""))), "teams.removed");
    case "leave":
      return simple(await removeMember(ctx, teamId, auth.user.id), "teams.left", "/");
    case "handover":
      return simple(await handOverLead(ctx, teamId, parseId(String(formData.get("userId") ?? ""))), "teams.handedOver");
    case "withdraw":
      return simple(await withdrawEntry(ctx, parseId(String(formData.get("entryId") ?? ""))), "teams.withdrawn");
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function TeamPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { page, values, countries, me, timeZone, publishedRounds, incubation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { team, isLead, members, invitations, entries } = page;
  const resultFor = (intent: string) =>
    actionData && "intent" in actionData && actionData.intent === intent && "result" in actionData
      ? actionData.result
      : undefined;
  const message = actionData && "message" in actionData ? actionData.message : null;
  const [editForm, editFields] = useForm({
    id: `team-${team.id}-${values.version}`,
    lastResult: resultFor("update"),
    constraint: getZodConstraint(teamUpdateSchema),
    shouldValidate: "onBlur",
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: teamUpdateSchema }),
  });
  const [inviteForm, inviteFields] = useForm({
    id: `invite-${team.id}`,
    lastResult: resultFor("invite"),
    constraint: getZodConstraint(inviteSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  return (
    <section className="stack" aria-labelledby="team-title">
      <header>
        <p className="eyebrow">{t("teams.eyebrow")}</p>
        <h1 id="team-title">{team.name}</h1>
        <p className="muted">
          {countryName(team.country, language)}
          {team.city ? ` · ${team.city}` : ""}
          {team.stage ? ` · ${t(`teamStage.${team.stage}`)}` : ""}
          {team.women_led ? ` · ${t("teams.womenLed")}` : ""}
        </p>
        {team.pitch ? <p className="lead">{team.pitch}</p> : null}
      </header>
      {message ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, message)}
        </p>
      ) : null}

      <div className="card">
        <h2>{t("teams.entries")}</h2>
        {entries.length === 0 ? <p>{t("teams.noEntries")}</p> : null}
        <ul className="plain-list">
          {entries.map((e) => (
            <li key={e.id} className="row">
              <span>
                <Link to={`/contests/${e.contestSlug}`}>{pickLocalized(e.contestName, language)}</Link> —{" "}
                {pickLocalized(e.trackName, language)} — <strong className="entry-code">{e.code}</strong> —{" "}
                {t(`entryStatus.${e.status}`)} — <Time iso={e.registeredAt} timeZone={timeZone} />
                {e.status === "registered" && e.rounds.length ? (
                  <span className="round-links">
                    {e.rounds.map((r) => (
                      <Link key={r.id} to={`/entries/${e.id}/rounds/${r.id}`}>
                        {t("submit.materialsFor", { round: pickLocalized(r.name, language) })}
                      </Link>
                    ))}
                  </span>
                ) : null}
                {e.status === "registered" ? (
                  <span className="round-links">
                    <Link to={`/entries/${e.id}/texts`}>{t("entryTexts.link")}</Link>
                  </span>
                ) : null}
                {publishedRounds[e.id]?.length ? (
                  <span className="round-links">
                    {publishedRounds[e.id]!.map((r) => (
                      <Link key={r.roundId} to={`/entries/${e.id}/results/${r.roundId}`}>
                        {t("published.resultsFor", { round: r.roundName ? pickLocalized(r.roundName, language) : "" })}
                      </Link>
                    ))}
                  </span>
                ) : null}
                {incubation.some((c) => c.entryId === e.id) ? (
                  <span className="round-links">
                    {incubation
                      .filter((c) => c.entryId === e.id)
                      .map((c) => (
                        <Link key={c.cohortTeamId} to={`/incubation/${c.cohortTeamId}`}>
                          {t("cohorts.incubationFor", { cohort: pickLocalized(c.cohortName, language) })}
                        </Link>
                      ))}
                  </span>
                ) : null}
              </span>
              {isLead && e.status === "registered" ? (
                <span className="push-right actions">
                  <Link to={`/contests/${e.contestSlug}/register?team=${team.id}`}>{t("teams.editEntry")}</Link>
                  <Form method="post">
                    <input type="hidden" name="intent" value="withdraw" />
                    <input type="hidden" name="entryId" value={e.id} />
                    <Button type="submit" variant="link">
                      {t("teams.withdraw")}
                    </Button>
                  </Form>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </div>

      <div className="card">
        <h2>{t("teams.members")}</h2>
        <ul className="plain-list">
          {members.map((m) => (
            <li key={m.userId} className="row">
              <span>
                {m.name} {m.email ? <span className="muted">({m.email})</span> : null} — {t(`teamRole.${m.role}`)}
              </span>
              {isLead && m.role !== "lead" ? (
                <span className="push-right actions">
                  <Form method="post">
                    <input type="hidden" name="intent" value="handover" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <Button type="submit" variant="link" aria-label={t("teams.makeLeadNamed", { name: m.name })}>
                      {t("teams.makeLead")}
                    </Button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <Button type="submit" variant="link" aria-label={t("teams.removeNamed", { name: m.name })}>
                      {t("manage.delete")}
                    </Button>
                  </Form>
                </span>
              ) : null}
              {!isLead && m.userId === me ? (
                <Form method="post" className="push-right">
                  <input type="hidden" name="intent" value="leave" />
                  <Button type="submit" variant="link">
                    {t("teams.leave")}
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {isLead ? (
          <>
            {invitations.length ? (
              <>
                <h3>{t("teams.pendingInvitations")}</h3>
                <ul className="plain-list">
                  {invitations.map((inv) => (
                    <li key={inv.id} className="row">
                      <span>
                        {inv.email} — {t("teams.expires")} <Time iso={inv.expires_at} timeZone={timeZone} />
                      </span>
                      <Form method="post" className="push-right">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="invitationId" value={inv.id} />
                        <Button type="submit" variant="link" aria-label={t("teams.revokeNamed", { email: inv.email })}>
                          {t("teams.revoke")}
                        </Button>
                      </Form>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h3>{t("teams.inviteTitle")}</h3>
            <FormProvider context={inviteForm.context}>
              <Form method="post" className="narrow-form" {...getFormProps(inviteForm)}>
                <FormErrors id={inviteForm.errorId} errors={inviteForm.errors} />
                <input type="hidden" name="intent" value="invite" />
                <TextField meta={inviteFields.email} type="email" label={t("teams.inviteEmail")} autoComplete="off" />
                <Button type="submit" variant="secondary">
                  {t("teams.invite")}
                </Button>
              </Form>
            </FormProvider>
          </>
        ) : null}
      </div>

      {isLead ? (
        <details className="card">
          <summary>{t("teams.editTitle")}</summary>
          <FormProvider context={editForm.context}>
            <Form method="post" {...getFormProps(editForm)}>
              <FormErrors id={editForm.errorId} errors={editForm.errors} />
              <input type="hidden" name="intent" value="update" />
              <input {...getInputProps(editFields.version, { type: "hidden" })} key={editFields.version.key} />
              <TeamFields fields={editFields} countries={countries} />
              <Button type="submit" busy={navigation.state === "submitting"}>
                {t("manage.save")}
              </Button>
            </Form>
          </FormProvider>
        </details>
      ) : null}
    </section>
  );
}
