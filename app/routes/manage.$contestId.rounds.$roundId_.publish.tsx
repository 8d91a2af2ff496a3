// Organisers: publish a round's results. Shows what the publication would freeze now (the ranking by
// the round's method, awards, the judges' feedback to teams) and every publication so far; the first
// publish needs no reason, a correction does, and each is a new immutable version.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { PublicationPreview } from "#app/components/published/PublicationPreview";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import { ErrorList } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { REASON_MAX } from "#app/forms/advancement";
import { redirectWithToast } from "#app/infra/toast.server";
import { publicationPage, publishRound } from "#app/services/publication.server";
import { encodeError } from "#app/utils/errors";
import { formErrorMap } from "#app/utils/form";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

const publishSchema = z.object({ reason: z.string().trim().max(REASON_MAX, `too_long?max=${REASON_MAX}`).default("") });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const page = await publicationPage(ctx, contest.id, roundId);
  if (!page.ok) throw new Response(page.error.code, { status: page.error.code === "forbidden" ? 403 : 404 });
  return { contest, roundId, page: page.value, timeZone: auth.user.time_zone };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const parsed = publishSchema.safeParse(Object.fromEntries(await request.formData()), { errorMap: formErrorMap });
  if (!parsed.success) return data({ message: parsed.error.issues[0]?.message ?? "invalid_choice" }, { status: 400 });
  const result = await publishRound(ctx, contest.id, roundId, { reason: parsed.data.reason || null });
  if (!result.ok) return data({ message: encodeError(result.error) }, { status: 400 });
  return redirectWithToast(`/manage/${contest.id}/rounds/${roundId}/publish`, {
    kind: "success",
    key: result.value.version === 1 ? "publication.publishedToast" : "publication.correctedToast",
    params: { version: result.value.version, count: result.value.issued },
  });
}

export default function PublishPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, roundId, page, timeZone } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const roundName = page.roundName ? pickLocalized(page.roundName, language) : String(roundId);
  const published = page.history.length > 0;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("publication.title", { round: roundName })} />
      <p>
        <Link to={`/manage/${contest.id}/rounds/${roundId}`}>{t("advancement.back")}</Link>
        {" · "}
        <Link to={`/manage/${contest.id}/rounds/${roundId}/results`}>{t("advancement.resultsLink")}</Link>
        {" · "}
        <Link to={`/manage/${contest.id}/rounds/${roundId}/awards`}>{t("publication.awardsLink")}</Link>
        {published ? (
          <>
            {" · "}
            <Link to={`/contests/${contest.slug}/results`}>{t("publication.publicLink")}</Link>
          </>
        ) : null}
      </p>
      <p className="field-hint">{t(published ? "publication.introPublished" : "publication.intro")}</p>

      <PublicationPreview snapshot={page.preview} published={published} />

      <div className="card stack">
        <h2>{t(published ? "publication.correctTitle" : "publication.publishTitle")}</h2>
        <Form method="post" className="stack">
          {published ? (
            <div className="field">
              <label htmlFor="publish-reason">{t("publication.reason")}</label>
              <p id="publish-reason-hint" className="field-hint">
                {t("publication.reasonHint")}
              </p>
              <textarea
                id="publish-reason"
                name="reason"
                rows={3}
                maxLength={REASON_MAX}
                required
                aria-invalid={reply ? true : undefined}
                aria-describedby={reply ? "publish-reason-hint publish-error" : "publish-reason-hint"}
              />
            </div>
          ) : null}
          <ErrorList id="publish-error" errors={reply ? [reply.message] : undefined} />
          <div>
            <Button type="submit">{t(published ? "publication.correct" : "publication.publish")}</Button>
          </div>
        </Form>
      </div>

      {published ? (
        <div className="card stack">
          <h2>{t("publication.historyTitle")}</h2>
          <ol reversed>
            {page.history.map((p) => (
              <li key={p.id}>
                {t("publication.version", { version: p.version, by: p.byName ?? "—" })}{" "}
                <Time iso={p.publishedAt} timeZone={timeZone} />
                {p.reason ? <p className="field-hint">{t("publication.because", { reason: p.reason })}</p> : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
