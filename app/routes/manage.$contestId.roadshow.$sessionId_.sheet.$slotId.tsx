// One finalist's score sheet from the live final, for printing and signing on the spot: every
// judge's score per criterion, the totals, the result and how it was counted.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatResult } from "#app/components/roadshow/Live";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { scoreSheet } from "#app/services/roadshow.server";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const sessionId = parseId(params.sessionId);
  const slotId = parseId(params.slotId);
  const sheet = await scoreSheet(ctx, contest.id, sessionId, slotId);
  if (!sheet.ok) throw new Response("Not found", { status: 404 });
  return { contest: { id: contest.id, name: contest.name }, sessionId, slotId, sheet: sheet.value };
}

export default function ScoreSheet() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, sessionId, slotId, sheet } = useLoaderData<typeof loader>();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  const base = `/manage/${contest.id}/roadshow/${sessionId}`;
  return (
    <section className="stack score-sheet" aria-labelledby="sheet-title">
      <p className="eyebrow">
        {pickLocalized(contest.name, language)} · {pickLocalized(sheet.roundName, language)}
      </p>
      <h1 id="sheet-title">{t("roadshow.sheet.title", { code: sheet.code, team: sheet.team })}</h1>
      <p className="actions no-print">
        <a href={base}>{t("roadshow.sheet.back")}</a>
        <a href={`${base}/sheet/${slotId}.csv`} download>
          {t("roadshow.sheet.csv")}
        </a>
        {canPrint ? (
          <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
            {t("roadshow.sheet.print")}
          </button>
        ) : null}
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("roadshow.sheet.judge")}</th>
              {sheet.criteria.map((c) => (
                <th scope="col" key={c.id}>
                  {pickLocalized(c.name, language)} <span className="muted">({c.weight})</span>
                </th>
              ))}
              <th scope="col">{t("roadshow.sheet.total")}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.judges.map((j) => (
              <tr key={j.name}>
                <th scope="row">{j.name}</th>
                {sheet.criteria.map((c) => (
                  <td key={c.id}>{j.scores[c.id] ?? "—"}</td>
                ))}
                <td>{formatResult(j.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sheet.judges.length === 0 ? <p className="muted">{t("roadshow.sheet.none")}</p> : null}
      <div className="card stack">
        <p>
          <strong>{t("roadshow.result", { value: formatResult(sheet.result.value) })}</strong>
        </p>
        <p>
          {t("roadshow.sheet.method", { method: t(`roadshow.method.${sheet.method}`) })}{" "}
          {t("roadshow.counted", { count: sheet.result.counted })}
          {sheet.result.dropped.length
            ? ` ${t("roadshow.dropped", { values: sheet.result.dropped.map(formatResult).join(", ") })}`
            : ""}
        </p>
      </div>
      <div className="signature-line">
        <p>{t("roadshow.sheet.acknowledge")}</p>
        <p className="signature-blank">{t("roadshow.sheet.signature")}</p>
        <p className="signature-blank">{t("roadshow.sheet.date")}</p>
      </div>
    </section>
  );
}
