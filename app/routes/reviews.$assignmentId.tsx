// The scoring page: one assigned entry's materials beside the round's rubric, a judge's scores,
// comments, feedback and confidential note. Drafts save as the judge types (with JavaScript) or
// with "Save draft"; "Submit review" asks first, then locks. Blind rounds show no team identity.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ClientActionFunctionArgs, ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Deadline } from "#app/components/Deadline";
import { EntrySummaryTexts, TEXT_LANGUAGE_PARAM } from "#app/components/EntryText";
import { Time } from "#app/components/Time";
import { CalibrationNotice } from "#app/components/review/CalibrationNotice";
import { MaterialView } from "#app/components/review/MaterialView";
import { ReviewForm } from "#app/components/review/ReviewForm";
import { ReviewSummary } from "#app/components/review/ReviewSummary";
import { ReviewStatusBadge } from "#app/components/review/StatusBadge";
import type { ReviewReply } from "#app/components/review/useAutosave";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { draftKey, readReviewForm, toReviewInput } from "#app/forms/review";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { materialLanguageNames } from "#app/utils/language-names.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { reviewPage, saveReview } from "#app/services/reviews.server";
import { encodeError } from "#app/utils/errors";
import { parseId } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  // Texts in a language the judge reads, or the version they asked for (?textLang=).
  const uiLanguage = await getRequestLanguage(request, auth.user.preferred_language);
  const requested = new URL(request.url).searchParams.get(TEXT_LANGUAGE_PARAM);
  const result = await reviewPage(serviceContext(request, context, auth), parseId(params.assignmentId), {
    uiLanguage,
    requested,
  });
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return { page: result.value, timeZone: auth.user.time_zone, languageNames: materialLanguageNames(uiLanguage) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const assignmentId = parseId(params.assignmentId);
  const { intent, version, values } = readReviewForm(await request.formData());
  const reply = (status: number, patch: Partial<ReviewReply> = {}) =>
    data<ReviewReply>({ intent, values, errors: {}, formError: null, ...patch }, { status });
  if (version === null) return reply(400, { formError: "changed_by_someone_else" });
  const parsed = toReviewInput(values, version);
  if (!parsed.ok) return reply(400, { errors: parsed.errors });
  // "Are you sure?" before a submit, for a browser without JavaScript: the page asks, nothing is saved.
  if (intent === "confirm") return reply(200);
  const ctx = serviceContext(request, context, auth);
  const result = await saveReview(ctx, assignmentId, parsed.input, { submit: intent === "submit" });
  if (!result.ok) {
    if (result.error.code === "not_found") throw new Response("Not found", { status: 404 });
    const message = encodeError(result.error);
    const status = result.error.code === "changed_by_someone_else" ? 409 : 400;
    return reply(status, result.error.field ? { errors: { [result.error.field]: [message] } } : { formError: message });
  }
  if (intent === "autosave") return reply(200, { version: result.value.version, savedAt: ctx.now.toISOString() });
  return redirectWithToast(`/reviews/${assignmentId}`, {
    kind: "success",
    key: intent === "submit" ? "review.submittedToast" : "review.savedToast",
  });
}

/** A post that never reached the server (offline) answers here instead of replacing the page with an error. */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs): Promise<ReviewReply> {
  const posted = readReviewForm(await request.clone().formData());
  try {
    return await serverAction<typeof action>();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return { intent: posted.intent, values: posted.values, errors: {}, formError: null, offline: true };
  }
}

// An autosave or "are you sure?" changes nothing the page shows from its loader; reloading it would
// only race the judge's typing.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) => {
  const intent = formData?.get("intent");
  return intent === "autosave" || intent === "confirm" ? false : defaultShouldRevalidate;
};

export default function ReviewPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { page, timeZone, languageNames } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof clientAction>();
  const { round, entry, review } = page;
  const submitted = review.status === "submitted";
  const editable = round.window === "open" && !submitted && page.criteria.length > 0;
  // Another review comes first (the calibration entry): the page shows only where to go.
  const waitsForCalibration = page.calibration?.kind === "waits";

  useEffect(() => {
    // A submitted review is locked: a copy of unsaved input kept in this browser is of no more use.
    if (!submitted) return;
    try {
      window.localStorage.removeItem(draftKey(page.assignmentId));
    } catch {
      // storage blocked: nothing to remove
    }
  }, [submitted, page.assignmentId]);

  return (
    <section className="stack review-page" aria-labelledby="review-title">
      <header className="stack">
        <p className="eyebrow">
          <Link to="/judging">{t("review.backToList")}</Link> · {pickLocalized(page.contest.name, language)}
        </p>
        <h1 id="review-title">
          {t("review.title", { code: entry.code })} <ReviewStatusBadge status={review.status} />
        </h1>
        <dl className="facts">
          <dt>{t("review.track")}</dt>
          <dd>{pickLocalized(entry.track, language)}</dd>
          <dt>{t("review.round")}</dt>
          <dd>
            {pickLocalized(round.name, language)}
            {round.blind ? <span className="badge">{t("review.blind")}</span> : null}
          </dd>
          {entry.team ? (
            <>
              <dt>{t("review.team")}</dt>
              <dd>
                {entry.team.name}
                {entry.team.organisation ? ` · ${entry.team.organisation}` : ""}
                {entry.team.country ? ` · ${entry.team.country}` : ""}
              </dd>
            </>
          ) : null}
          {round.reviewClosesAt ? (
            <>
              <dt>{t("review.deadline")}</dt>
              <dd>
                <Deadline iso={round.reviewClosesAt} viewerTimeZone={timeZone} contestTimeZone={page.contest.timeZone} />
              </dd>
            </>
          ) : null}
        </dl>
        <EntrySummaryTexts pitch={entry.texts?.pitch ?? null} description={entry.texts?.description ?? null} />
      </header>

      <CalibrationNotice calibration={page.calibration} />

      {waitsForCalibration ? null : submitted ? (
        <p className="alert alert-success" role="status">
          {review.submittedAt ? (
            <>
              {t("review.submittedOn")} <Time iso={review.submittedAt} timeZone={timeZone} />.{" "}
            </>
          ) : null}
          {t("review.lockedNote")}
        </p>
      ) : round.window !== "open" ? (
        <p className="alert alert-info" role="status">
          {round.window === "closed" ? t("review.windowClosed") : t("review.windowNotOpen")}
        </p>
      ) : page.criteria.length === 0 ? (
        <p className="alert alert-info" role="status">
          {t("errors:round_has_no_rubric")}
        </p>
      ) : null}

      {waitsForCalibration ? null : (
        <section className="stack" aria-labelledby="materials-title">
          <h2 id="materials-title">{t("review.materials")}</h2>
          {page.materials.length === 0 ? <p className="muted">{t("review.noMaterials")}</p> : null}
          {page.materials.map((m) => (
            <MaterialView key={m.id} material={m} languageNames={languageNames} />
          ))}
        </section>
      )}

      {editable ? (
        <ReviewForm
          key={`${review.version}-${review.status}`}
          assignmentId={page.assignmentId}
          criteria={page.criteria}
          review={review}
          reply={reply}
          timeZone={timeZone}
        />
      ) : page.criteria.length ? (
        <ReviewSummary criteria={page.criteria} review={review} />
      ) : null}
    </section>
  );
}
