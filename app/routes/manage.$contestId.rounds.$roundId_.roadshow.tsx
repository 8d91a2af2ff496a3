// Organisers set up a live final for a round: the finalists in running order and the panel of
// judges who score them all; and find the sessions set up so far.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { loadStructure } from "#app/services/contest-structure.server";
import { createRoadshow, roadshowSetup } from "#app/services/roadshow.server";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

const ids = z.array(z.coerce.number().int().positive()).max(500);
const positionSchema = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.coerce.number().int().min(1).max(999).optional(),
);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const setup = await roadshowSetup(ctx, contest.id, roundId);
  if (!setup.ok) throw new Response("Not found", { status: 404 });
  const round = (await loadStructure(ctx, contest.id)).rounds.find((r) => r.id === roundId)!;
  return { contest, round: { id: round.id, name: round.name }, ...setup.value };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const roundId = parseId(params.roundId);
  const form = await request.formData();
  const entries = ids.safeParse(form.getAll("entry"));
  const judges = ids.safeParse(form.getAll("judge"));
  if (!entries.success || !judges.success) return data({ error: "invalid_choice" }, { status: 400 });
  // The running order: by the position typed next to each finalist, then in list order.
  const ordered = entries.data
    .map((id, i) => {
      const position = positionSchema.safeParse(form.get(`position.${id}`));
      return { id, i, position: position.success ? (position.data ?? Infinity) : Infinity };
    })
    .sort((a, b) => a.position - b.position || a.i - b.i)
    .map((e) => e.id);
  const result = await createRoadshow(ctx, contest.id, roundId, { entryIds: ordered, judgeIds: judges.data });
  if (!result.ok) return data({ error: encodeError(result.error) }, { status: 400 });
  return redirect(`/manage/${contest.id}/roadshow/${result.value.sessionId}`);
}

export default function RoadshowSetup() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, round, entries, judges, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("roadshow.setup.title", { round: pickLocalized(round.name, language) })} />
      <p>
        <a href={`/manage/${contest.id}/rounds/${round.id}`}>{t("roadshow.setup.back")}</a>
      </p>

      <div className="card stack">
        <h2>{t("roadshow.setup.sessions")}</h2>
        {sessions.length === 0 ? (
          <p className="muted">{t("roadshow.setup.noSessions")}</p>
        ) : (
          <ul className="plain-list">
            {sessions.map((s) => (
              <li key={s.id}>
                <a href={`/manage/${contest.id}/roadshow/${s.id}`}>{t("roadshow.setup.sessionName", { id: s.id })}</a>{" "}
                <span className={`badge roadshow-status-${s.status}`}>{t(`roadshow.status.${s.status}`)}</span>{" "}
                {t("roadshow.setup.finalistCount", { count: s.finalists })}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="card stack">
        <h2>{t("roadshow.setup.create")}</h2>
        {actionData?.error ? (
          <p className="alert alert-error" role="alert">
            {errorText(t, actionData.error)}
          </p>
        ) : null}
        <Form method="post" className="stack">
          <fieldset>
            <legend>{t("roadshow.setup.finalists")}</legend>
            <p className="field-hint">{t("roadshow.setup.finalistsHint")}</p>
            {entries.length === 0 ? <p className="muted">{t("manage.noEntriesYet")}</p> : null}
            <ul className="plain-list roadshow-pick">
              {entries.map((e) => (
                <li key={e.id} className="roadshow-pick-row">
                  <div className="field field-checkbox">
                    <input type="checkbox" id={`entry-${e.id}`} name="entry" value={e.id} />
                    <label htmlFor={`entry-${e.id}`}>
                      <span className="entry-code">{e.code}</span> {e.teamName}
                    </label>
                  </div>
                  <label htmlFor={`position-${e.id}`} className="visually-hidden">
                    {t("roadshow.setup.position", { code: e.code })}
                  </label>
                  <input
                    type="number"
                    id={`position-${e.id}`}
                    name={`position.${e.id}`}
                    min={1}
                    max={999}
                    className="roadshow-position"
                    placeholder={t("roadshow.setup.positionShort")}
                  />
                </li>
              ))}
            </ul>
          </fieldset>
          <fieldset>
            <legend>{t("roadshow.setup.panel")}</legend>
            <p className="field-hint">{t("roadshow.setup.panelHint")}</p>
            {judges.length === 0 ? <p className="muted">{t("roadshow.setup.noJudges")}</p> : null}
            <ul className="plain-list">
              {judges.map((j) => (
                <li key={j.id} className="field field-checkbox">
                  <input type="checkbox" id={`judge-${j.id}`} name="judge" value={j.id} />
                  <label htmlFor={`judge-${j.id}`}>
                    {j.name} <span className="muted break-anywhere">{j.email}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <Button type="submit" busy={navigation.state === "submitting"}>
            {t("roadshow.setup.submit")}
          </Button>
        </Form>
      </div>
    </section>
  );
}
