// The round's calibration entries on its assignments page: per track, a select of the round's
// entries in that track to name (or clear) the one every panel judge scores first, and every
// judge's total on it next to the other judges' mean. Locked, with the reason, once scoring started.
import { ScrollTable } from "#app/components/ui/ScrollTable";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import type { CalibrationOverview } from "#app/services/calibration-entry.server";
import { errorText } from "#app/utils/errors";

export function CalibrationEntries({
  overview,
  reply,
}: {
  overview: CalibrationOverview;
  /** The refusal of the last choice, if any: its track and the error code. */
  reply: { trackId: number | null; message: string } | null;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const navigation = useNavigation();
  return (
    <div className="card stack">
      <h2 id="calibration-title">{t("calibration.organiser.title")}</h2>
      <p>{t("calibration.organiser.intro")}</p>
      {!overview.available ? (
        <p className="muted">{t("calibration.organiser.rubricOnly")}</p>
      ) : (
        overview.tracks.map((track) => {
          const selectId = `calibration-${track.id}`;
          const error = reply && reply.trackId === track.id ? reply.message : null;
          const trackName = pickLocalized(track.name, language);
          return (
            <section key={track.id} className="stack" aria-labelledby={`${selectId}-title`}>
              <h3 id={`${selectId}-title`} lang={pickedLanguage(track.name, language)}>
                {trackName}
              </h3>
              <Form method="post" className="inline-form judge-add">
                <input type="hidden" name="intent" value="calibration" />
                <input type="hidden" name="trackId" value={track.id} />
                <label htmlFor={selectId}>{t("calibration.organiser.entryLabel", { track: trackName })}</label>
                <select
                  className="fit"
                  id={selectId}
                  name="entryId"
                  defaultValue={track.choice?.entryId ?? ""}
                  disabled={track.locked}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={[track.locked ? `${selectId}-locked` : "", error ? `${selectId}-error` : ""]
                    .filter(Boolean)
                    .join(" ")}
                >
                  <option value="">{t("calibration.organiser.none")}</option>
                  {track.entries.map((e) => (
                    <option key={e.id} value={e.id}>
                      {t("calibration.organiser.entryOption", { code: e.code, team: e.teamName })}
                    </option>
                  ))}
                </select>
                <Button
                  type="submit"
                  variant="secondary"
                  disabled={track.locked}
                  busy={
                    navigation.state === "submitting" &&
                    navigation.formData?.get("intent") === "calibration" &&
                    navigation.formData?.get("trackId") === String(track.id)
                  }
                >
                  {t("calibration.organiser.save")}
                </Button>
                {track.locked ? (
                  <p className="field-hint" id={`${selectId}-locked`}>
                    {t("calibration.organiser.locked")}
                  </p>
                ) : null}
                {error ? (
                  <p className="field-errors" id={`${selectId}-error`} role="alert">
                    {errorText(t, error)}
                  </p>
                ) : null}
              </Form>
              {track.choice ? <Offsets track={track} /> : null}
            </section>
          );
        })
      )}
    </div>
  );
}

/** Every judge's total on the calibration entry, the other judges' mean, the difference and leaning. */
function Offsets({ track }: { track: CalibrationOverview["tracks"][number] }) {
  const { t, i18n } = useTranslation();
  const one = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  });
  const number = (value: number | null, format: Intl.NumberFormat) => (value === null ? "—" : format.format(value));
  if (!track.judges.length) return <p className="muted">{t("calibration.organiser.noJudges")}</p>;
  return (
    <ScrollTable label={t("calibration.organiser.offsetsCaption", { code: track.choice?.code ?? "" })}>
      <table>
        <caption>{t("calibration.organiser.offsetsCaption", { code: track.choice?.code ?? "" })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("calibration.organiser.columns.judge")}</th>
            <th scope="col">{t("calibration.organiser.columns.status")}</th>
            <th scope="col">{t("calibration.organiser.columns.total")}</th>
            <th scope="col">{t("calibration.organiser.columns.panelMean")}</th>
            <th scope="col">{t("calibration.organiser.columns.difference")}</th>
            <th scope="col">{t("calibration.organiser.columns.leaning")}</th>
          </tr>
        </thead>
        <tbody>
          {track.judges.map((j) => (
            <tr key={j.judgeId}>
              <th scope="row">{j.name}</th>
              <td>{t(`judging.assignments.review.${j.status}`)}</td>
              <td>{number(j.total, one)}</td>
              <td>{number(j.panelMean, one)}</td>
              <td>{number(j.difference, signed)}</td>
              <td>{j.leaning ? t(`calibration.leaning.${j.leaning}`) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
