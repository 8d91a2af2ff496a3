// The organisers' list of people's choice votes: who voted for which entry, when and from where,
// filtered by track or to bursts, 50 a page; live votes can be ticked and voided together with one reason.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import { Button } from "#app/components/ui/Button";
import { ErrorList } from "#app/components/ui/Field";
import { ScrollTable } from "#app/components/ui/ScrollTable";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { formatInstant } from "#app/domain/time";
import { VOID_REASON_MIN } from "#app/domain/votes";
import type { VoteList as VoteListPage } from "#app/services/votes.server";
import { errorText } from "#app/utils/errors";

export interface VoteListQuery {
  page: number;
  trackId: number | null;
  burstOnly: boolean;
}

/** The votes page with the list's filters and page in the query (`?votes=<page>&track=<id>&burst=1`). */
export function voteListHref(base: string, query: Omit<VoteListQuery, "page">, page: number): string {
  const params = new URLSearchParams();
  if (query.trackId !== null) params.set("track", String(query.trackId));
  if (query.burstOnly) params.set("burst", "1");
  if (page > 1) params.set("votes", String(page));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

export interface VoidChosenErrors {
  error: string | null;
  /** Error codes per field. */
  errors: Partial<Record<"voteIds" | "reason", string[]>>;
}

export function VoteList({
  base,
  votes,
  query,
  tracks,
  viewerTimeZone,
  errors,
  busy,
}: {
  base: string;
  votes: VoteListPage;
  query: VoteListQuery;
  tracks: Array<{ id: number; name: LocalizedText }>;
  viewerTimeZone: string;
  errors: VoidChosenErrors | null;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const idsError = errors?.errors.voteIds?.length ? "void-chosen-ids-error" : undefined;
  const reasonError = errors?.errors.reason?.length ? "void-chosen-reason-error" : undefined;
  const live = votes.rows.filter((v) => !v.voidedAt);
  return (
    <div className="card stack">
      <h2 id="vote-list-title">{t("votes.listTitle")}</h2>
      <p>{t("votes.listIntro")}</p>
      <Form method="get" action={base} className="progress-filters">
        <div className="field">
          <label htmlFor="vote-list-track">{t("votes.filterTrack")}</label>
          <select id="vote-list-track" name="track" defaultValue={query.trackId ?? ""}>
            <option value="">{t("votes.allTracks")}</option>
            {tracks.map((tr) => (
              <option key={tr.id} value={tr.id} lang={pickedLanguage(tr.name, language)}>
                {pickLocalized(tr.name, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-checkbox">
          <input id="vote-list-burst" type="checkbox" name="burst" value="1" defaultChecked={query.burstOnly} />
          <label htmlFor="vote-list-burst">{t("votes.burstOnly")}</label>
        </div>
        <div className="inline-form">
          <Button type="submit" variant="secondary">
            {t("votes.filterShow")}
          </Button>
        </div>
      </Form>
      <p>{t("votes.listTotal", { total: votes.total })}</p>
      {errors?.error ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, errors.error)}
        </p>
      ) : null}
      {votes.rows.length === 0 ? (
        <p>{t("votes.noVotes")}</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="voidChosen" />
          <ErrorList id={idsError} errors={errors?.errors.voteIds} />
          <ScrollTable label={t("votes.listTitle")}>
            <table className="table">
              <caption className="visually-hidden">{t("votes.listTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("votes.colChoose")}</th>
                  <th scope="col">{t("votes.colTime")}</th>
                  <th scope="col">{t("votes.colTrack")}</th>
                  <th scope="col">{t("votes.entry")}</th>
                  <th scope="col">{t("votes.colVoter")}</th>
                  <th scope="col">{t("votes.colAddress")}</th>
                  <th scope="col">{t("votes.colStatus")}</th>
                </tr>
              </thead>
              <tbody>
                {votes.rows.map((vote) => {
                  const boxId = `vote-${vote.id}`;
                  const when = formatInstant(vote.createdAt, { locale: i18n.language, timeZone: viewerTimeZone });
                  return (
                    <tr key={vote.id}>
                      <td>
                        {vote.voidedAt ? null : (
                          <>
                            <input type="checkbox" id={boxId} name="voteId" value={vote.id} aria-describedby={idsError} />
                            <label htmlFor={boxId} className="visually-hidden">
                              {t("votes.chooseVote", { entry: `${vote.entryCode} ${vote.teamName}`, time: when })}
                            </label>
                          </>
                        )}
                      </td>
                      <td>
                        <Time iso={vote.createdAt} timeZone={viewerTimeZone} />
                      </td>
                      <td lang={pickedLanguage(vote.trackName, language)}>{pickLocalized(vote.trackName, language)}</td>
                      <td>
                        {vote.entryCode} {vote.teamName}
                      </td>
                      <td>
                        {vote.voterName}
                        <br />
                        {vote.voterEmail}
                      </td>
                      <td>{vote.ip ?? t("votes.noAddress")}</td>
                      <td>
                        {vote.voidedAt ? t("votes.statusVoided", { reason: vote.voidReason ?? "" }) : t("votes.statusCounted")}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
          {live.length > 0 ? (
            <>
              <div className="field">
                <label htmlFor="void-chosen-reason">{t("votes.voidReason", { min: VOID_REASON_MIN })}</label>
                <input
                  id="void-chosen-reason"
                  type="text"
                  name="reason"
                  required
                  minLength={VOID_REASON_MIN}
                  maxLength={500}
                  aria-invalid={reasonError ? true : undefined}
                  aria-describedby={reasonError}
                />
                <ErrorList id={reasonError} errors={errors?.errors.reason} />
              </div>
              <div>
                <Button type="submit" variant="danger" busy={busy}>
                  {t("votes.voidChosen")}
                </Button>
              </div>
            </>
          ) : null}
        </Form>
      )}
      {votes.pages > 1 ? (
        <nav aria-label={t("votes.pages")} className="pager">
          {votes.page > 1 ? <Link to={voteListHref(base, query, votes.page - 1)}>{t("votes.previous")}</Link> : null}
          <span>{t("votes.pageOf", { page: votes.page, pages: votes.pages })}</span>
          {votes.page < votes.pages ? <Link to={voteListHref(base, query, votes.page + 1)}>{t("votes.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
