// A judge's pairwise page: two entries side by side and three answers ("A is stronger", "B is
// stronger", "I cannot tell"); after each answer the next pair. The judge sees only their own count,
// never another judge's choices. Keys 1, 2 and 3 answer too; the buttons work by keyboard and without JS.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { EntryText, TEXT_LANGUAGE_PARAM } from "#app/components/EntryText";
import { Button } from "#app/components/ui/Button";
import { countryName } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { nextComparison, PAIRWISE_ANSWERS, recordComparison, type ComparisonEntry } from "#app/services/pairwise.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId } from "#app/utils/manage.server";

const answerSchema = z.object({
  first: z.coerce.number().int().positive(),
  second: z.coerce.number().int().positive(),
  answer: z.enum(PAIRWISE_ANSWERS as [string, ...string[]]).transform((a) => a as (typeof PAIRWISE_ANSWERS)[number]),
});

async function judgeContext(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const auth = await requireUser(request);
  return {
    ctx: serviceContext(request, context, auth),
    contestId: parseId(params.contestId),
    roundId: parseId(params.roundId),
    // Pitches in a language the judge reads, or the version asked for (?textLang=).
    view: {
      uiLanguage: await getRequestLanguage(request, auth.user.preferred_language),
      requested: new URL(request.url).searchParams.get(TEXT_LANGUAGE_PARAM),
    },
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contestId, roundId, view } = await judgeContext(request, context, params);
  const result = await nextComparison(ctx, contestId, roundId, view);
  if (result.ok) return { contestId, page: result.value, message: null };
  if (result.error.code === "not_found" || result.error.code === "forbidden") throw new Response("Not found", { status: 404 });
  // Not a pairwise round, or its review window is not open: the judge is told why.
  return { contestId, page: null, message: encodeError(result.error) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contestId, roundId } = await judgeContext(request, context, params);
  const parsed = answerSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ message: "invalid_choice" }, { status: 400 });
  const result = await recordComparison(ctx, contestId, roundId, parsed.data);
  if (result.ok) return redirect(`/judging/${contestId}/pairwise/${roundId}`);
  const status = result.error.code === "not_found" || result.error.code === "forbidden" ? 404 : 400;
  return data({ message: encodeError(result.error) }, { status });
}

function EntryCard({ entry, label }: { entry: ComparisonEntry; label: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <article className="card stack" aria-label={label}>
      <h2>
        {label}: <span translate="no">{entry.code}</span>
      </h2>
      {entry.track ? (
        <p lang={pickedLanguage(entry.track, language)}>
          {t("pairwise.judge.track")}: {pickLocalized(entry.track, language)}
        </p>
      ) : null}
      {entry.team ? (
        <p>
          {entry.team.name}
          {entry.team.organisation ? `, ${entry.team.organisation}` : ""} ({countryName(entry.team.country, language)})
        </p>
      ) : null}
      {entry.pitchText ? (
        <EntryText view={entry.pitchText} as="p" className="entry-pitch" />
      ) : (
        <p>{t("pairwise.judge.noPitch")}</p>
      )}
    </article>
  );
}

export default function PairwiseJudging() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contestId, page, message } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  const pair = page?.pair ?? null;

  useEffect(() => {
    if (!pair) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.altKey || event.ctrlKey || event.metaKey || target?.closest("input, textarea, select")) return;
      const answer = { "1": "first", "2": "second", "3": "cannot_tell" }[event.key];
      if (!answer || !form.current) return;
      event.preventDefault();
      const formData = new FormData(form.current);
      formData.set("answer", answer);
      submit(formData, { method: "post" });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [pair, submit]);

  const busy = navigation.state !== "idle";
  return (
    <section className="stack" aria-labelledby="page-title">
      <header>
        <p className="eyebrow">{t("pairwise.judge.eyebrow")}</p>
        <h1 id="page-title">
          {page ? (
            <span lang={pickedLanguage(page.round.name, language)}>{pickLocalized(page.round.name, language)}</span>
          ) : (
            t("pairwise.judge.title")
          )}
        </h1>
        {page ? <p className="lead">{t("pairwise.judge.intro")}</p> : null}
      </header>
      {message ? (
        <p className="alert alert-info" role="status">
          {errorText(t, message)}
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, actionData.message)}
        </p>
      ) : null}
      {page ? <p role="status">{t("pairwise.judge.made", { count: page.made })}</p> : null}
      {page && !pair ? <p className="alert alert-success">{t("pairwise.judge.done")}</p> : null}
      {pair ? (
        <>
          {page?.round.blind ? <p>{t("pairwise.judge.blind")}</p> : null}
          <div className="grid-2">
            <EntryCard entry={pair[0]} label={t("pairwise.judge.entryA")} />
            <EntryCard entry={pair[1]} label={t("pairwise.judge.entryB")} />
          </div>
          <Form method="post" ref={form} className="stack" aria-describedby="pairwise-keys">
            <input type="hidden" name="first" value={pair[0].id} />
            <input type="hidden" name="second" value={pair[1].id} />
            <div className="actions">
              <Button type="submit" name="answer" value="first" busy={busy}>
                {t("pairwise.judge.firstStronger")}
              </Button>
              <Button type="submit" name="answer" value="second" busy={busy}>
                {t("pairwise.judge.secondStronger")}
              </Button>
              <Button type="submit" name="answer" value="cannot_tell" variant="secondary" busy={busy}>
                {t("pairwise.judge.cannotTell")}
              </Button>
            </div>
            <p id="pairwise-keys" className="hint">
              {t("pairwise.judge.keys")}
            </p>
          </Form>
        </>
      ) : null}
      <p>
        <Link to={`/judging/${contestId}`}>{t("pairwise.judge.back")}</Link>
      </p>
    </section>
  );
}
