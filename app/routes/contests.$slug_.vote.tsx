// The people's choice vote page: each track's entries with their one-line pitch, a "Vote" button for
// a verified, signed-in visitor while voting is open, the viewer's own choices, and the counts only
// once the organisers have published them.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { EntryText, TEXT_LANGUAGE_PARAM } from "#app/components/EntryText";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { getAuth, requireUser, serviceContext } from "#app/infra/auth.server";
import { readTimeZoneCookie } from "#app/infra/cookies.server";
import { getFixedT, getRequestLanguage } from "#app/infra/i18n.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { castVote, votingPage } from "#app/services/votes.server";
import { encodeError, errorText } from "#app/utils/errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Trellis` : "Trellis" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const language = await getRequestLanguage(request, auth?.user.preferred_language);
  // Pitches in the visitor's language where the team gave one, or the version asked for (?textLang=).
  const requested = new URL(request.url).searchParams.get(TEXT_LANGUAGE_PARAM);
  const result = await votingPage(serviceContext(request, context, auth), params.slug ?? "", { uiLanguage: language, requested });
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return {
    page: result.value,
    title: getFixedT(language)("votes.metaTitle", { contest: pickLocalized(result.value.contest.name, language) }),
    viewerTimeZone: auth?.user.time_zone ?? readTimeZoneCookie(request) ?? result.value.contest.timeZone,
  };
}

const voteSchema = z.object({
  trackId: z.coerce.number().int().positive(),
  entryId: z.coerce.number().int().positive(),
});

const statusOf = (code: string) =>
  code === "not_found" ? 404 : code === "forbidden" ? 403 : code === "rate_limited" ? 429 : 409;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const page = await votingPage(ctx, params.slug ?? "");
  if (!page.ok) throw new Response("Not found", { status: 404 });
  const parsed = voteSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "invalid_choice", trackId: null }, { status: 400 });
  const result = await castVote(ctx, page.value.contest.id, parsed.data.trackId, parsed.data.entryId);
  if (!result.ok)
    return data({ error: encodeError(result.error), trackId: parsed.data.trackId }, { status: statusOf(result.error.code) });
  return redirectWithToast(`/contests/${page.value.contest.slug}/vote`, { kind: "success", key: "votes.thanks" });
}

export default function VotePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { page, viewerTimeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { window } = page;
  const name = pickLocalized(page.contest.name, language);
  return (
    <section className="stack" aria-labelledby="page-title">
      <h1 id="page-title">{t("votes.title", { contest: name })}</h1>
      <p>
        <Link to={`/contests/${page.contest.slug}`}>{t("votes.backToContest")}</Link>
      </p>
      {window.opensAt && window.closesAt ? (
        <p>
          {t(`votes.phase.${window.phase}`)} {t("votes.window")} <Time iso={window.opensAt} timeZone={viewerTimeZone} /> –{" "}
          <Time iso={window.closesAt} timeZone={viewerTimeZone} /> ({viewerTimeZone})
        </p>
      ) : null}
      {window.phase === "open" && !page.signedIn ? (
        <p className="alert alert-info">
          <Link to={`/login?redirectTo=${encodeURIComponent(`/contests/${page.contest.slug}/vote`)}`}>
            {t("votes.signInToVote")}
          </Link>
        </p>
      ) : null}
      {window.phase === "open" && page.signedIn && !page.emailVerified ? (
        <p className="alert alert-info">{t("votes.verifyToVote")}</p>
      ) : null}
      {page.publishedAt ? <p>{t("votes.countsPublished")}</p> : <p>{t("votes.countsHidden")}</p>}
      {actionData?.error && actionData.trackId === null ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, actionData.error)}
        </p>
      ) : null}
      {page.tracks.map((track) => (
        <section key={track.id} className="card" aria-labelledby={`track-${track.id}`}>
          <h2 id={`track-${track.id}`} lang={pickedLanguage(track.name, language)}>
            {pickLocalized(track.name, language)}
          </h2>
          {actionData?.error && actionData.trackId === track.id ? (
            <p className="alert alert-error" role="alert">
              {errorText(t, actionData.error)}
            </p>
          ) : null}
          {track.entries.length === 0 ? <p>{t("votes.noEntries")}</p> : null}
          <ul className="plain-list">
            {track.entries.map((entry) => (
              <li key={entry.id} className="row">
                <div>
                  <strong>{entry.teamName}</strong> <span className="muted">{entry.code}</span>
                  {entry.pitchText ? <EntryText view={entry.pitchText} as="p" className="entry-pitch" /> : null}
                </div>
                {entry.votes !== null ? <span className="badge">{t("votes.count", { n: entry.votes })}</span> : null}
                {track.myVote === entry.id ? <span className="badge">{t("votes.yourVote")}</span> : null}
                {page.canVote && track.myVote === null ? (
                  <Form method="post" className="push-right">
                    <input type="hidden" name="trackId" value={track.id} />
                    <input type="hidden" name="entryId" value={entry.id} />
                    <Button
                      type="submit"
                      variant="secondary"
                      busy={navigation.state === "submitting"}
                      aria-label={t("votes.voteFor", { team: entry.teamName })}
                    >
                      {t("votes.vote")}
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
