// The deadline line of the hand-in page. The server renders the deadline itself; once the page is
// live it adds the time left ("2 days 3 hours left"), ticking each minute, each second in the last
// hour, and tells the page when the window closes. The ticking text is a timer, not a live
// region, so screen readers are not interrupted every second.
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { clockOffset, countdownView, nextChangeIn, remainingUntil } from "#app/domain/countdown";

/** "2 days 3 hours left" in the viewer's language; empty once the time is up. */
export function timeLeftText(t: TFunction, remainingMs: number): string {
  const view = countdownView(remainingMs);
  if (view.closed) return "";
  const [first, second] = view.parts.map((p) => t(`handIn.unit.${p.unit}`, { count: p.count }));
  return t("handIn.left", { time: second ? t("handIn.join", { first, second }) : first });
}

export function Countdown({
  deadline,
  serverNow,
  onClosed,
  children,
}: {
  deadline: string;
  /** The server's clock when it rendered the page, to correct a browser clock that is off. */
  serverNow: string;
  onClosed: () => void;
  /** The static deadline text. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  // Null on the server and during hydration, so both render the same markup.
  const [remaining, setRemaining] = useState<number | null>(null);
  const closedRef = useRef(onClosed);
  // The deadline already reported as reached: once per deadline, however often the effect reruns.
  const reportedRef = useRef<string | null>(null);
  useEffect(() => {
    closedRef.current = onClosed;
  }, [onClosed]);

  useEffect(() => {
    const offset = clockOffset(serverNow, Date.now());
    let timer: number | undefined;
    let closed = false;
    const tick = () => {
      window.clearTimeout(timer);
      const left = remainingUntil(deadline, Date.now() + offset);
      setRemaining(left);
      const delay = nextChangeIn(left);
      if (delay === null) {
        closed = true;
        if (reportedRef.current !== deadline) {
          reportedRef.current = deadline;
          closedRef.current();
        }
        return;
      }
      timer = window.setTimeout(tick, Math.max(delay, 20));
    };
    tick();
    // Background tabs run timers late: catch up as soon as the page is seen again.
    const onVisible = () => {
      if (document.visibilityState === "visible" && !closed) tick();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [deadline, serverNow]);

  const text = remaining === null ? "" : timeLeftText(t, remaining);
  return (
    <div className="deadline">
      <p>{children}</p>
      {/* Always there (empty until the page is live), so the text appearing does not move the page. */}
      <p className="countdown" role="timer">
        {text}
      </p>
    </div>
  );
}
