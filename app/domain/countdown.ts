// How long is left before a deadline, in the two largest units a person reads at a glance, and
// when that text next changes, so the hand-in page's countdown wakes only when it has to.
export type CountdownUnit = "day" | "hour" | "minute" | "second";
export interface CountdownPart {
  unit: CountdownUnit;
  count: number;
}
export type CountdownView = { closed: true } | { closed: false; parts: CountdownPart[] };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Whole seconds left, rounded up: the window is closed only once no time at all is left. */
function secondsLeft(remainingMs: number): number {
  return Math.ceil(remainingMs / 1000);
}

/**
 * The time left as at most two units, the smaller one dropped when it is zero:
 * a day or more → days and hours; an hour or more → hours and minutes; then minutes and seconds;
 * under a minute → seconds. Larger units are whole units (never more time than is left).
 */
export function countdownView(remainingMs: number): CountdownView {
  const total = secondsLeft(remainingMs);
  if (!Number.isFinite(total) || total <= 0) return { closed: true };
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  const seconds = total % MINUTE;
  const pair = (a: CountdownPart, b: CountdownPart): CountdownPart[] => (b.count ? [a, b] : [a]);
  if (days > 0) return { closed: false, parts: pair({ unit: "day", count: days }, { unit: "hour", count: hours }) };
  if (hours > 0) return { closed: false, parts: pair({ unit: "hour", count: hours }, { unit: "minute", count: minutes }) };
  if (minutes > 0) return { closed: false, parts: pair({ unit: "minute", count: minutes }, { unit: "second", count: seconds }) };
  return { closed: false, parts: [{ unit: "second", count: seconds }] };
}

/**
 * Milliseconds until the text of `countdownView` next changes (or the window closes): every second
 * in the last hour, every minute before that. Null once closed.
 */
export function nextChangeIn(remainingMs: number): number | null {
  const total = secondsLeft(remainingMs);
  if (!Number.isFinite(total) || total <= 0) return null;
  // The text changes when the whole seconds left drop to `target`, i.e. when remainingMs reaches target × 1000.
  const target = total <= HOUR ? total - 1 : MINUTE * Math.floor(total / MINUTE) - 1;
  return remainingMs - target * 1000;
}

/** Milliseconds from `nowMs` to the deadline (negative once it has passed). */
export function remainingUntil(deadlineIso: string, nowMs: number): number {
  return Date.parse(deadlineIso) - nowMs;
}

/**
 * How far the server's clock is ahead of this browser's, from the server's time sent with the page.
 * The page's travel time counts as skew, which only makes the countdown close a moment early.
 */
export function clockOffset(serverNowIso: string, clientNowMs: number): number {
  const server = Date.parse(serverNowIso);
  return Number.isNaN(server) ? 0 : server - clientNowMs;
}
