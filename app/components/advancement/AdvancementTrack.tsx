// One track's ranking with the cut line drawn on it: each entry's decision and where it came from
// (the rule, or the organiser's change with its reason), and, until confirmation, a form per entry
// to add it, remove it or clear the change, with the reason required by the server.
import { Form } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { ErrorList } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { REASON_MAX } from "#app/forms/advancement";
import type { AdvancementPlan, AdvancementRow } from "#app/services/advancement.server";

export interface ChangeReply {
  intent: string;
  entryId: number | null;
  message: string;
}

type Track = AdvancementPlan["tracks"][number];

export function AdvancementTrack({
  track,
  confirmed,
  action,
  reply,
}: {
  track: Track;
  confirmed: boolean;
  action: string;
  reply: ChangeReply | null;
}) {
  const { t, i18n } = useTranslation();
  const trackName = track.name ? pickLocalized(track.name, i18n.language as Language) : String(track.trackId);
  return (
    <div className="card stack">
      <h2>{trackName}</h2>
      <p role="status">
        {t("advancement.trackSummary", { count: track.advancing })}
        {track.seatsInTie !== null && track.undecided > 0 ? ` ${t("advancement.seatsInTie", { count: track.seatsInTie })}` : null}
      </p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("advancement.caption", { track: trackName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("advancement.col.rank")}</th>
              <th scope="col">{t("advancement.col.entry")}</th>
              <th scope="col">{t("advancement.col.score")}</th>
              <th scope="col">{t("advancement.decision")}</th>
              <th scope="col">{t("advancement.why")}</th>
            </tr>
          </thead>
          <tbody>
            {track.rows.map((row) => (
              <Fragment key={row.entryId}>
                <tr className={row.advances === null ? "row-flagged" : undefined}>
                  <td>{row.rank === null ? "—" : row.tied ? t("advancement.tiedRank", { rank: row.rank }) : row.rank}</td>
                  <td>
                    <strong>{row.code}</strong> {row.teamName}
                  </td>
                  <td>{row.score === null ? "—" : row.score.toFixed(2)}</td>
                  <td>
                    <Decision row={row} confirmed={confirmed} />
                  </td>
                  <td>
                    {row.reason
                      ? `${t(`advancement.source.${row.source}`)}: ${row.reason}`
                      : t(`advancement.source.${row.source}`)}
                  </td>
                </tr>
                {confirmed ? null : (
                  <tr className="change-row">
                    <td colSpan={5}>
                      <ChangeForm row={row} action={action} reply={reply?.entryId === row.entryId ? reply : null} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Decision({ row, confirmed }: { row: AdvancementRow; confirmed: boolean }) {
  const { t } = useTranslation();
  if (confirmed && row.status)
    return <span className={`badge badge-${row.status}`}>{t(`advancement.status.${row.status}`)}</span>;
  if (row.advances === null) return <strong>{t("advancement.undecided")}</strong>;
  return (
    <span className={row.advances ? "badge badge-advanced" : "badge badge-eliminated"}>
      {t(row.advances ? "advancement.advances" : "advancement.stays")}
    </span>
  );
}

/** Add below the line, remove above it, or clear a change; the reason is what the audit keeps. */
function ChangeForm({ row, action, reply }: { row: AdvancementRow; action: string; reply: ChangeReply | null }) {
  const { t } = useTranslation();
  const changed = row.source === "added" || row.source === "removed";
  const proposal = row.advances === true ? "remove" : "add";
  const id = `change-${row.entryId}`;
  const errorId = `${id}-error`;
  return (
    <details open={Boolean(reply)}>
      <summary>
        {t(changed ? "advancement.editChange" : `advancement.propose.${proposal}`)}{" "}
        <span className="visually-hidden">{row.code}</span>
      </summary>
      <Form method="post" action={action} className="stack">
        <input type="hidden" name="intent" value="change" />
        <input type="hidden" name="entryId" value={row.entryId} />
        <input type="hidden" name="action" value={changed ? (row.source === "added" ? "add" : "remove") : proposal} />
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t("advancement.reason", { code: row.code })}</label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={2}
            maxLength={REASON_MAX}
            required
            defaultValue={row.reason ?? ""}
            aria-invalid={reply ? true : undefined}
            aria-describedby={reply ? errorId : undefined}
          />
          <ErrorList id={errorId} errors={reply ? [reply.message] : undefined} />
        </div>
        <div className="inline-form">
          <Button type="submit" variant="secondary">
            {t(changed ? "advancement.saveChange" : `advancement.apply.${proposal}`)}
          </Button>
        </div>
      </Form>
      {changed ? (
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="change" />
          <input type="hidden" name="entryId" value={row.entryId} />
          <input type="hidden" name="action" value="clear" />
          <Button type="submit" variant="secondary">
            {t("advancement.clear", { code: row.code })}
          </Button>
        </Form>
      ) : null}
    </details>
  );
}
