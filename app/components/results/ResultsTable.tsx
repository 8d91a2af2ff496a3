// One track's results for organisers: every method side by side, the chosen one ranking, and under
// each entry the reasons for its place (its reviews, the method, the key that decided).
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "#app/domain/locale";
import { pickLocalized, type LocalizedText } from "#app/domain/localized";
import type { TieBreaker } from "#app/domain/ranking";
import type { ResultMethod } from "#app/domain/aggregation";
import type { EntryResultRow, RankReason } from "#app/services/results.server";
import type { ModerationView } from "#app/services/moderation.server";
import { AskAnotherJudge } from "./AskAnotherJudge";

type TFunction = ReturnType<typeof useTranslation>["t"];

// One formatter per language, kept: making one costs far more than using it, and a results page
// formats every score of every entry (docs/performance.md).
const scoreFormats = new Map<string, Intl.NumberFormat>();

export function formatScore(value: number | null, language: string): string {
  if (value === null) return "—";
  let format = scoreFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    if (scoreFormats.size < 100) scoreFormats.set(language, format);
  }
  return format.format(value);
}

function reasonText(
  t: TFunction,
  reason: RankReason,
  side: "above" | "below",
  format: (v: number | null) => string,
  criterionName: (key: string) => string,
): string {
  const values = { code: reason.otherCode, own: format(reason.own), other: format(reason.other) };
  if (reason.decidedBy === "tie") return t("results.why.tied", values);
  if (reason.decidedBy === "score") return t(`results.why.${side}Score`, values);
  const tb: TieBreaker | null = reason.tieBreaker;
  if (tb?.kind === "criterion") return t(`results.why.${side}Criterion`, { ...values, criterion: criterionName(tb.key) });
  // Review counts are whole numbers: shown as such.
  return t(`results.why.${side}Reviews`, { ...values, own: String(reason.own ?? 0), other: String(reason.other ?? 0) });
}

export function ResultsTable({
  entries,
  method,
  methods,
  criteria,
  caption,
  moderation,
}: {
  entries: EntryResultRow[];
  method: ResultMethod;
  methods: readonly ResultMethod[];
  criteria: Array<{ key: string; name: LocalizedText | null }>;
  caption: string;
  /** Asking one more judge about flagged entries; without it the table only shows the flags. */
  moderation?: ModerationView & { error: { entryId: number; message: string } | null };
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const format = (v: number | null) => formatScore(v, language);
  const criterionName = (key: string) => {
    const name = criteria.find((c) => c.key === key)?.name;
    return name ? pickLocalized(name, language) : key;
  };
  const columns = 5 + methods.length;
  const moderationOf = new Map(moderation?.rows.map((r) => [r.entryId, r]));
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("results.col.rank")}</th>
            <th scope="col">{t("results.col.code")}</th>
            <th scope="col">{t("results.col.team")}</th>
            {methods.map((m) => (
              <th key={m} scope="col" aria-sort={m === method ? "descending" : undefined}>
                {m === method ? <strong>{t(`results.method.${m}`)} ▼</strong> : t(`results.method.${m}`)}
              </th>
            ))}
            <th scope="col">{t("results.col.reviews")}</th>
            <th scope="col">{t("results.col.disagreement")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <Fragment key={entry.entryId}>
              <tr>
                <th scope="row">{entry.rank === null ? "—" : `${entry.tied ? "=" : ""}${entry.rank}`}</th>
                <td>
                  <span className="entry-code">{entry.code}</span>
                </td>
                <td>{entry.teamName}</td>
                {methods.map((m) => (
                  <td key={m}>{m === method ? <strong>{format(entry.scores[m])}</strong> : format(entry.scores[m])}</td>
                ))}
                <td>{entry.reviews.length}</td>
                <td>
                  {entry.disagreement ? (
                    <span
                      className="badge"
                      title={t("results.flagDetail", {
                        range: format(entry.disagreement.range),
                        sd: format(entry.disagreement.sd),
                      })}
                    >
                      {t("results.flag")}
                    </span>
                  ) : null}
                </td>
              </tr>
              <tr>
                <td colSpan={columns}>
                  {/* Below the row, across the table: the columns are too narrow for a form. */}
                  {entry.disagreement && moderation && moderationOf.has(entry.entryId) ? (
                    <div className="moderation-request">
                      <AskAnotherJudge
                        code={entry.code}
                        row={moderationOf.get(entry.entryId)!}
                        window={moderation.window}
                        error={moderation.error?.entryId === entry.entryId ? moderation.error.message : null}
                      />
                    </div>
                  ) : null}
                  <details>
                    <summary>
                      {t("results.why.summary")} <span className="visually-hidden">{entry.code}</span>
                    </summary>
                    <ul className="plain-list small">
                      <li>
                        {entry.reviews.length
                          ? t("results.why.reviews", {
                              totals: entry.reviews.map((r) => format(r.total)).join(", "),
                            })
                          : t("results.why.noReviews")}
                      </li>
                      <li>
                        {t("results.why.method", { method: t(`results.method.${method}`), score: format(entry.scores[method]) })}
                      </li>
                      {entry.disagreement ? (
                        <li>
                          {t("results.flagDetail", {
                            range: format(entry.disagreement.range),
                            sd: format(entry.disagreement.sd),
                          })}
                        </li>
                      ) : null}
                      {/* `above` is the comparison with the entry placed just above this one, so it reads "below …". */}
                      {entry.above ? <li>{reasonText(t, entry.above, "below", format, criterionName)}</li> : null}
                      {entry.below ? <li>{reasonText(t, entry.below, "above", format, criterionName)}</li> : null}
                      {entry.rank !== null && !entry.above && !entry.below ? <li>{t("results.why.only")}</li> : null}
                      {entry.rank === null ? <li>{t("results.why.unranked")}</li> : null}
                    </ul>
                  </details>
                </td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
