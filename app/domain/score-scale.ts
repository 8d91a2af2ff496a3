// The scores a judge may give on a criterion's scale, listed so a form can offer exactly those.
import { MAX_SCALE_STEPS, type Scale } from "#app/domain/rubric";

/** How many decimal places a number is written with (0.5 → 1, 0.25 → 2, 3 → 0). */
function decimalsOf(value: number): number {
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]);
  const dot = text.indexOf(".");
  return dot === -1 ? 0 : text.length - dot - 1;
}

/**
 * Every allowed score from `min` to `max` in steps of `step`, lowest first: 0–5 by 0.5 gives
 * 0, 0.5, … 5. Each value is rounded to the decimals of the scale, so 0.1 steps read 0.3, not
 * 0.30000000000000004. Empty when the scale is unusable, does not end on a step, or is finer than
 * a rubric may be.
 */
export function scaleValues(scale: Scale): number[] {
  const { min, max, step } = scale;
  if (![min, max, step].every(Number.isFinite) || step <= 0 || max <= min) return [];
  const exact = (max - min) / step;
  const count = Math.round(exact);
  if (Math.abs(exact - count) > 1e-9 || count > MAX_SCALE_STEPS) return [];
  const factor = 10 ** Math.max(decimalsOf(min), decimalsOf(step));
  return Array.from({ length: count + 1 }, (_, i) => Math.round((min + i * step) * factor) / factor);
}
