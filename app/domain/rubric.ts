// A round's rubric: weighted criteria, each scored on a stepped scale with optional level descriptors.
// These rules decide whether a rubric may be saved and how a review's scores become one total.
import { normaliseLocalized, type LocalizedText } from "#app/domain/localized";

/** Scores run from `min` to `max` in steps of `step`, e.g. 1–10 by 1 or 0–5 by 0.5. */
export type Scale = { min: number; max: number; step: number };

/** What a band of scores means, shown to judges beside the criterion ("8–10: paying customers..."). */
export type LevelDescriptor = { min: number; max: number; text: LocalizedText };

export type CriterionDefinition = {
  /** Stable within the rubric; scores are keyed by it. */
  key: string;
  name: LocalizedText;
  description: LocalizedText | null;
  /** Percent of the total, a whole number 1..100; the criteria's weights add up to 100. */
  weight: number;
  scale: Scale;
  /** Sorted by `min`, not overlapping; may be empty. */
  levels: LevelDescriptor[];
};

export type RubricDefinition = { criteria: CriterionDefinition[] };

export type RubricProblemCode =
  | "rubric_empty"
  | "rubric_too_many_criteria"
  | "weights_not_100"
  | "weight_invalid"
  | "criterion_name_missing"
  | "duplicate_criterion_key"
  | "scale_invalid"
  | "scale_step_mismatch"
  | "scale_too_fine"
  | "level_outside_scale"
  | "level_off_step"
  | "level_inverted"
  | "levels_overlap";

/** One reason a rubric cannot be saved; `code` is also the message key (`errors:<code>`). */
export type RubricProblem = {
  code: RubricProblemCode;
  /** Index into `criteria`. */
  criterion?: number;
  /** Index into that criterion's `levels`. */
  level?: number;
  params?: Record<string, number | string>;
};

export const MAX_CRITERIA = 20;
export const MAX_SCALE_STEPS = 1000;
/** Weights are percents; a rubric's must add up to exactly this. */
export const WEIGHT_TOTAL = 100;

// Measured in steps, so 0.1-step scales survive binary floating point (0.1 + 0.2 !== 0.3).
const TOLERANCE = 1e-9;

function isScaleUsable(scale: Scale): boolean {
  const { min, max, step } = scale;
  return Number.isFinite(min) && Number.isFinite(max) && Number.isFinite(step) && step > 0 && max > min;
}

/** How many steps from `scale.min` to `value` (fractional when off the grid). */
function stepsFrom(value: number, scale: Scale): number {
  return (value - scale.min) / scale.step;
}

function isWhole(steps: number): boolean {
  return Math.abs(steps - Math.round(steps)) <= TOLERANCE;
}

function isWithin(value: number, scale: Scale): boolean {
  const steps = stepsFrom(value, scale);
  return steps >= -TOLERANCE && steps <= stepsFrom(scale.max, scale) + TOLERANCE;
}

/** True when `value` lies within the scale and on its step grid (allowing floating-point noise). */
export function isOnScale(value: number, scale: Scale): boolean {
  if (!Number.isFinite(value) || !isScaleUsable(scale)) return false;
  return isWithin(value, scale) && isWhole(stepsFrom(value, scale));
}

function validateScale(scale: Scale, criterion: number): RubricProblem[] {
  if (!scale || !isScaleUsable(scale)) return [{ code: "scale_invalid", criterion }];
  const problems: RubricProblem[] = [];
  const steps = stepsFrom(scale.max, scale);
  if (!isWhole(steps)) problems.push({ code: "scale_step_mismatch", criterion });
  if (Math.round(steps) > MAX_SCALE_STEPS) {
    problems.push({ code: "scale_too_fine", criterion, params: { steps: Math.round(steps), max: MAX_SCALE_STEPS } });
  }
  return problems;
}

function validateLevels(levels: LevelDescriptor[], scale: Scale, criterion: number): RubricProblem[] {
  const problems: RubricProblem[] = [];
  levels.forEach((level, index) => {
    const ends = [level.min, level.max];
    if (!ends.every((end) => Number.isFinite(end) && isWithin(end, scale))) {
      problems.push({ code: "level_outside_scale", criterion, level: index });
    } else if (!ends.every((end) => isWhole(stepsFrom(end, scale)))) {
      problems.push({ code: "level_off_step", criterion, level: index });
    }
    if (level.min > level.max) problems.push({ code: "level_inverted", criterion, level: index });
    // Levels must be listed in order, each starting after the previous one ends (1–3, 4–7, 8–10);
    // a level out of order therefore also counts as overlapping the one before it.
    const previous = index > 0 ? levels[index - 1] : undefined;
    if (previous && level.min <= previous.max + scale.step * TOLERANCE) {
      problems.push({ code: "levels_overlap", criterion, level: index, params: { previous: index - 1 } });
    }
  });
  return problems;
}

/** Everything wrong with a rubric, in criterion order; [] when it may be saved. */
export function validateRubric(rubric: RubricDefinition): RubricProblem[] {
  const criteria = rubric.criteria ?? [];
  if (criteria.length === 0) return [{ code: "rubric_empty" }];

  const problems: RubricProblem[] = [];
  if (criteria.length > MAX_CRITERIA) {
    problems.push({ code: "rubric_too_many_criteria", params: { count: criteria.length, max: MAX_CRITERIA } });
  }

  const total = criteria.reduce((sum, c) => sum + (Number.isFinite(c.weight) ? c.weight : 0), 0);
  if (total !== WEIGHT_TOTAL) problems.push({ code: "weights_not_100", params: { total } });

  const seenKeys = new Set<string>();
  criteria.forEach((criterion, index) => {
    if (!Number.isInteger(criterion.weight) || criterion.weight < 1 || criterion.weight > WEIGHT_TOTAL) {
      problems.push({ code: "weight_invalid", criterion: index, params: { weight: String(criterion.weight) } });
    }
    if (!criterion.name || normaliseLocalized(criterion.name) === null) {
      problems.push({ code: "criterion_name_missing", criterion: index });
    }
    if (seenKeys.has(criterion.key)) {
      problems.push({ code: "duplicate_criterion_key", criterion: index, params: { key: criterion.key } });
    }
    seenKeys.add(criterion.key);

    const scaleProblems = validateScale(criterion.scale, index);
    problems.push(...scaleProblems);
    // Levels are measured against the scale, so only a usable scale can judge them.
    if (!scaleProblems.some((p) => p.code === "scale_invalid")) {
      problems.push(...validateLevels(criterion.levels ?? [], criterion.scale, index));
    }
  });
  return problems;
}

/**
 * A review's total out of 100: each score placed on 0..1 within its criterion's scale, times the
 * criterion's weight, summed. Null when a criterion has no score or an off-scale one, or the rubric
 * has no criteria (there is nothing to total). Scores for unknown keys are ignored. Not rounded:
 * the caller rounds for display.
 */
export function weightedTotal(scores: Record<string, number>, rubric: RubricDefinition): number | null {
  if (rubric.criteria.length === 0) return null;
  let total = 0;
  for (const criterion of rubric.criteria) {
    const value = Object.hasOwn(scores, criterion.key) ? scores[criterion.key] : undefined;
    if (value === undefined || !isOnScale(value, criterion.scale)) return null;
    const { min, max } = criterion.scale;
    total += ((value - min) / (max - min)) * criterion.weight;
  }
  return total;
}

function copyLocalized(text: LocalizedText): LocalizedText {
  return { ...text };
}

/** A deep copy, so an organiser can edit a new version while the locked one stays as scored. */
export function copyRubric(rubric: RubricDefinition): RubricDefinition {
  return {
    criteria: rubric.criteria.map((criterion) => ({
      key: criterion.key,
      name: copyLocalized(criterion.name),
      description: criterion.description ? copyLocalized(criterion.description) : null,
      weight: criterion.weight,
      scale: { min: criterion.scale.min, max: criterion.scale.max, step: criterion.scale.step },
      levels: criterion.levels.map((level) => ({ min: level.min, max: level.max, text: copyLocalized(level.text) })),
    })),
  };
}

/** Once any score exists against a rubric it is frozen: changing it would change what judges scored. */
export function isRubricLocked(scoreCount: number): boolean {
  return scoreCount > 0;
}
