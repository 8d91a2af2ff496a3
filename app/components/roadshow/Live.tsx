// Pieces shared by the roadshow's live screens: the phase timer, the phase's name, a result.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { secondsLeft, type Phase } from "#app/domain/aggregation";

export interface SlotTiming {
  phase: Phase;
  phaseStartedAt: string | null;
}
export interface ShowFormat {
  pitchMinutes: number | null;
  qaMinutes: number | null;
}

function clock(seconds: number): string {
  const abs = Math.abs(seconds);
  const text = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
  return seconds < 0 ? `+${text}` : text;
}

/**
 * The time left in the pitch or the questions, counting down each second in the browser. It
 * starts from the server's count (the same on both sides, so the first render hydrates cleanly)
 * and turns red once over time.
 */
export function PhaseTimer({
  slot,
  format,
  initial,
  big = false,
}: {
  slot: SlotTiming;
  format: ShowFormat;
  initial: number | null;
  big?: boolean;
}) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(initial);
  useEffect(() => {
    const tick = () => setLeft(secondsLeft(slot.phase, slot.phaseStartedAt, format, new Date()));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [slot.phase, slot.phaseStartedAt, format.pitchMinutes, format.qaMinutes]); // eslint-disable-line react-hooks/exhaustive-deps
  if (left === null) return null;
  const over = left < 0;
  return (
    <p className={["phase-timer", big ? "phase-timer-big" : "", over ? "phase-timer-over" : ""].filter(Boolean).join(" ")}>
      <span className="visually-hidden">{over ? t("roadshow.timer.over") : t("roadshow.timer.left")} </span>
      <span role="timer" aria-live="off">
        {clock(left)}
      </span>
      {over ? <span className="phase-timer-note"> {t("roadshow.timer.over")}</span> : null}
    </p>
  );
}

export function PhaseName({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  return <span className={`badge phase-${phase}`}>{t(`roadshow.phase.${phase}`)}</span>;
}

/** A result out of 100, to two decimals (how it is announced). */
export const formatResult = (value: number | null) => (value === null ? "—" : value.toFixed(2));
