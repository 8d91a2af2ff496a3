// What publishing would freeze now, for the organiser to check before pressing the button: the
// method, each track's entries with rank and whether they advanced, the awards and their winners,
// and how many feedback comments teams will read.
import { useTranslation } from "react-i18next";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import type { Snapshot } from "#app/domain/publication";

export function PublicationPreview({ snapshot, published }: { snapshot: Snapshot; published: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const teamOf = new Map(snapshot.tracks.flatMap((tr) => tr.entries.map((e) => [e.entryId, `${e.code} ${e.teamName}`] as const)));
  const comments = snapshot.feedback.reduce((n, f) => n + f.comments.length, 0);
  const advancementKnown = snapshot.tracks.some((tr) => tr.entries.some((e) => e.advanced !== null));
  return (
    <div className="card stack">
      <h2>{t(published ? "publication.previewTitlePublished" : "publication.previewTitle")}</h2>
      <ul>
        <li>{t("publication.previewMethod", { method: t(`results.method.${snapshot.method}`) })}</li>
        <li>{t("publication.previewComments", { count: comments })}</li>
        <li>{t(advancementKnown ? "publication.previewAdvanced" : "publication.previewNoAdvancement")}</li>
      </ul>
      <h3>{t("publication.awardsTitle")}</h3>
      {snapshot.awards.length === 0 ? (
        <p className="muted">{t("publication.noAwards")}</p>
      ) : (
        <ul>
          {snapshot.awards.map((a) => (
            <li key={a.awardId}>
              <strong>{pickLocalized(a.name, language)}</strong>:{" "}
              {a.grants.length
                ? a.grants.map((g) => teamOf.get(g.entryId) ?? String(g.entryId)).join(", ")
                : t("publication.nobody")}
            </li>
          ))}
        </ul>
      )}
      {snapshot.tracks.map((track) => {
        const name = track.name ? pickLocalized(track.name, language) : String(track.trackId);
        return (
          <details key={track.trackId}>
            <summary>{t("publication.trackSummary", { track: name, count: track.entries.length })}</summary>
            <ol>
              {track.entries.map((e) => (
                <li key={e.entryId}>
                  {e.rank === null ? "—" : e.tied ? t("advancement.tiedRank", { rank: e.rank }) : e.rank} · {e.code} {e.teamName}{" "}
                  · {e.score === null ? "—" : e.score.toFixed(2)}
                  {e.advanced === true ? ` · ${t("advancement.status.advanced")}` : null}
                </li>
              ))}
            </ol>
          </details>
        );
      })}
    </div>
  );
}
