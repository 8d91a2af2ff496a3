// Organisers: one registration in full (team, members, answers) and, once withdrawn, a way back.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { EntrySummaryTexts, EntryText, TEXT_LANGUAGE_PARAM } from "#app/components/EntryText";
import { Time } from "#app/components/Time";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { VersionHistory } from "#app/components/manage/VersionHistory";
import { Button } from "#app/components/ui/Button";
import { countryName } from "#app/domain/countries";
import { languageName } from "#app/domain/judging";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { formatAnswer } from "#app/domain/questions";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { materialsLanguageForOrganisers } from "#app/services/entry-language.server";
import { entryTextsForOrganisers } from "#app/services/entry-texts.server";
import { getRegistration, restoreEntry } from "#app/services/registrations-admin.server";
import { entryMaterialsHistory } from "#app/services/round-materials.server";
import { encodeError, errorText } from "#app/utils/errors";
import { materialLanguageNames } from "#app/utils/language-names.server";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const result = await getRegistration(ctx, contest.id, parseId(params.entryId));
  if (!result.ok) throw new Response(result.error.code, { status: result.error.code === "not_found" ? 404 : 403 });
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  const history = await entryMaterialsHistory(ctx, contest.id, result.value.id);
  const materialsLanguage = await materialsLanguageForOrganisers(ctx, contest.id, result.value.id);
  const texts = await entryTextsForOrganisers(ctx, contest.id, result.value.id, {
    uiLanguage: language,
    requested: new URL(request.url).searchParams.get(TEXT_LANGUAGE_PARAM),
  });
  return {
    texts: texts.ok ? texts.value : null,
    languageNames: materialLanguageNames(language),
    contest,
    entry: result.value,
    materials: history.ok ? history.value : [],
    materialsLanguage: materialsLanguage.ok ? materialsLanguage.value : null,
    countryLabel: countryName(result.value.team.country, language),
    viewerTimeZone: auth.user.time_zone,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const entryId = parseId(params.entryId);
  const formData = await request.formData();
  if (formData.get("intent") !== "restore") throw new Response("Unknown intent", { status: 400 });
  const result = await restoreEntry(ctx, contest.id, entryId);
  if (!result.ok) {
    if (result.error.code === "not_found") throw new Response("Not found", { status: 404 });
    return data({ error: encodeError(result.error) }, { status: 400 });
  }
  return redirectWithToast(`/manage/${contest.id}/registrations/${entryId}`, { kind: "success", key: "registrations.restored" });
}

/** Only web addresses are made links; anything else a team typed is shown as text. */
function safeHref(url: string): string | null {
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
}

export default function Registration() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, entry, materials, materialsLanguage, countryLabel, viewerTimeZone, texts, languageNames } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { team } = entry;
  const website = team.website ? safeHref(team.website) : null;
  const show = (value: string | number | null) => (value === null || value === "" ? "—" : value);
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("registrations.entryTitle", { code: entry.code })} />
      <p>
        <Link to={`/manage/${contest.id}/registrations`}>{t("registrations.backToList")}</Link>
      </p>
      {actionData?.error ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, actionData.error)}
        </p>
      ) : null}

      <div className="card">
        <h2>{t("registrations.entry")}</h2>
        <dl className="facts">
          <dt>{t("registrations.columns.code")}</dt>
          <dd>{entry.code}</dd>
          <dt>{t("registrations.statusLabel")}</dt>
          <dd>
            <span className={entry.status === "withdrawn" ? "state state-archived" : "state state-registration_open"}>
              {t(`registrations.status.${entry.status}`)}
            </span>
          </dd>
          <dt>{t("registrations.track")}</dt>
          <dd lang={pickedLanguage(entry.track.name, language)}>{pickLocalized(entry.track.name, language)}</dd>
          <dt>{t("materialsLanguage.organiserLabel")}</dt>
          <dd>{materialsLanguage ? languageName(materialsLanguage, language) : t("materialsLanguage.notGiven")}</dd>
          <dt>{t("registrations.columns.registeredAt")}</dt>
          <dd>
            <Time iso={entry.registeredAt} timeZone={viewerTimeZone} />
          </dd>
          {entry.withdrawnAt ? (
            <>
              <dt>{t("registrations.withdrawnAt")}</dt>
              <dd>
                <Time iso={entry.withdrawnAt} timeZone={viewerTimeZone} />
              </dd>
            </>
          ) : null}
          <dt>{t("registrations.termsAccepted")}</dt>
          <dd>
            {t("registrations.termsVersion", { version: entry.termsVersion })} —{" "}
            <Time iso={entry.termsAcceptedAt} timeZone={viewerTimeZone} />
          </dd>
        </dl>
        {entry.status === "withdrawn" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="restore" />
            <p className="field-hint">{t("registrations.restoreHint")}</p>
            <Button type="submit" busy={navigation.state === "submitting"}>
              {t("registrations.restore")}
            </Button>
          </Form>
        ) : null}
      </div>

      <div className="card">
        <h2>{t("registrations.team")}</h2>
        <dl className="facts">
          <dt>{t("registrations.columns.team")}</dt>
          <dd>{team.name}</dd>
          <dt>{t("registrations.country")}</dt>
          <dd>
            {countryLabel} ({team.country})
          </dd>
          <dt>{t("registrations.columns.city")}</dt>
          <dd>{show(team.city)}</dd>
          <dt>{t("registrations.columns.organisation")}</dt>
          <dd>{show(team.organisation)}</dd>
          <dt>{t("registrations.stage")}</dt>
          <dd>{team.stage ? t(`teamStage.${team.stage}`) : "—"}</dd>
          <dt>{t("registrations.foundingYear")}</dt>
          <dd>{show(team.foundingYear)}</dd>
          <dt>{t("registrations.website")}</dt>
          <dd>
            {website ? (
              <a href={website} rel="noopener noreferrer nofollow" target="_blank">
                {team.website}
              </a>
            ) : (
              show(team.website)
            )}
          </dd>
          <dt>{t("registrations.womenLed")}</dt>
          <dd>{team.womenLed ? t("registrations.yes") : t("registrations.no")}</dd>
          <dt>{t("registrations.founders")}</dt>
          <dd>
            {t("registrations.foundersSplit", { women: team.foundersWomen, men: team.foundersMen, other: team.foundersOther })}
          </dd>
        </dl>
        {texts && (texts.pitch || texts.description) ? (
          <EntrySummaryTexts pitch={texts.pitch} description={texts.description} headingLevel={3} />
        ) : team.pitch ? (
          <>
            <h3>{t("registrations.pitch")}</h3>
            <div className="prose">
              <p>{team.pitch}</p>
            </div>
          </>
        ) : null}
      </div>

      <div className="card">
        <h2>{t("registrations.members")}</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("registrations.memberName")}</th>
                <th scope="col">{t("registrations.memberEmail")}</th>
                <th scope="col">{t("registrations.memberRole")}</th>
              </tr>
            </thead>
            <tbody>
              {entry.members.map((m) => (
                <tr key={m.userId}>
                  <th scope="row">{m.name}</th>
                  <td>
                    <a href={`mailto:${m.email}`}>{m.email}</a>
                  </td>
                  <td>{t(`registrations.role.${m.role}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="card">
        <h2>{t("registrations.answers")}</h2>
        {entry.questions.length === 0 ? (
          <p>{t("registrations.noQuestions")}</p>
        ) : (
          <dl className="facts">
            {entry.questions.map((q) => (
              <Fragment key={q.key}>
                <dt lang={pickedLanguage(q.label, language)}>{pickLocalized(q.label, language)}</dt>
                <dd>
                  {texts?.answers[q.key] ? (
                    <EntryText view={texts.answers[q.key]!} />
                  ) : (
                    formatAnswer(q, entry.answers[q.key], language)
                  )}
                </dd>
              </Fragment>
            ))}
          </dl>
        )}
      </div>

      <div className="card">
        <h2>{t("roundMaterials.historyTitle")}</h2>
        <VersionHistory rounds={materials} timeZone={viewerTimeZone} languageNames={languageNames} />
      </div>
    </section>
  );
}
