import { describe, expect, it } from "vitest";
import { LANGUAGES } from "#app/domain/locale";
import { type LocalizedText } from "#app/domain/localized";
import {
  copyRubric,
  isOnScale,
  isRubricLocked,
  validateRubric,
  weightedTotal,
  type CriterionDefinition,
  type RubricDefinition,
} from "#app/domain/rubric";
import { RUBRIC_TEMPLATES } from "#app/domain/rubric-templates";

function criterion(overrides: Partial<CriterionDefinition> = {}): CriterionDefinition {
  return {
    key: "innovation",
    name: { en: "Innovation", "zh-CN": "创新性" },
    description: null,
    weight: 100,
    scale: { min: 1, max: 10, step: 1 },
    levels: [],
    ...overrides,
  };
}

// Two criteria weighted 60/40 on different scales: the worked example used below.
function twoCriteria(): RubricDefinition {
  return {
    criteria: [
      criterion({
        key: "innovation",
        weight: 60,
        levels: [
          { min: 1, max: 3, text: { en: "Weak" } },
          { min: 4, max: 7, text: { en: "Developing" } },
          { min: 8, max: 10, text: { en: "Strong" } },
        ],
      }),
      criterion({
        key: "team",
        name: { en: "Team" },
        description: { en: "Who builds it" },
        weight: 40,
        scale: { min: 0, max: 5, step: 0.5 },
      }),
    ],
  };
}

function codes(rubric: RubricDefinition): string[] {
  return validateRubric(rubric).map((p) => p.code);
}

describe("validateRubric", () => {
  it("accepts a valid rubric", () => {
    expect(validateRubric(twoCriteria())).toEqual([]);
    expect(validateRubric({ criteria: [criterion()] })).toEqual([]);
  });

  it("rejects an empty rubric", () => {
    expect(validateRubric({ criteria: [] })).toEqual([{ code: "rubric_empty" }]);
  });

  it("rejects more than 20 criteria", () => {
    const criteria = Array.from({ length: 21 }, (_, i) => criterion({ key: `c${i}`, weight: i < 16 ? 5 : 4 }));
    // 16 × 5 + 5 × 4 = 100, so only the count is wrong.
    expect(validateRubric({ criteria })).toEqual([{ code: "rubric_too_many_criteria", params: { count: 21, max: 20 } }]);
    expect(validateRubric({ criteria: criteria.slice(1).map((c) => ({ ...c, weight: 5 })) })).toEqual([]);
  });

  it("requires weights to total exactly 100", () => {
    const rubric = twoCriteria();
    rubric.criteria[1]!.weight = 39;
    expect(validateRubric(rubric)).toEqual([{ code: "weights_not_100", params: { total: 99 } }]);
    rubric.criteria[1]!.weight = 41;
    expect(validateRubric(rubric)).toEqual([{ code: "weights_not_100", params: { total: 101 } }]);
  });

  it.each([0, -5, 101, 12.5, Number.NaN])("rejects weight %s", (weight) => {
    const problems = validateRubric({ criteria: [criterion({ weight })] });
    expect(problems).toContainEqual({ code: "weight_invalid", criterion: 0, params: { weight: String(weight) } });
  });

  it("requires an English name", () => {
    const rubric = twoCriteria();
    rubric.criteria[1]!.name = { en: "   ", "zh-CN": "团队" };
    expect(validateRubric(rubric)).toEqual([{ code: "criterion_name_missing", criterion: 1 }]);
  });

  it("rejects a key used twice, on the second use", () => {
    const rubric = twoCriteria();
    rubric.criteria[1]!.key = "innovation";
    expect(validateRubric(rubric)).toEqual([{ code: "duplicate_criterion_key", criterion: 1, params: { key: "innovation" } }]);
  });

  it.each([
    { min: 10, max: 1, step: 1 },
    { min: 5, max: 5, step: 1 },
    { min: 0, max: 10, step: 0 },
    { min: 0, max: 10, step: -1 },
    { min: 0, max: Number.POSITIVE_INFINITY, step: 1 },
    { min: Number.NaN, max: 10, step: 1 },
  ])("rejects the unusable scale %o", (scale) => {
    expect(validateRubric({ criteria: [criterion({ scale })] })).toEqual([{ code: "scale_invalid", criterion: 0 }]);
  });

  it("does not judge levels against an unusable scale", () => {
    const levels = [{ min: 1, max: 3, text: { en: "Weak" } }];
    expect(codes({ criteria: [criterion({ scale: { min: 10, max: 1, step: 1 }, levels })] })).toEqual(["scale_invalid"]);
  });

  it("requires the range to be a whole number of steps", () => {
    // 1..10 by 2 is 4.5 steps; 0..1 by 0.3 is 3.33 steps.
    expect(validateRubric({ criteria: [criterion({ scale: { min: 1, max: 10, step: 2 } })] })).toEqual([
      { code: "scale_step_mismatch", criterion: 0 },
    ]);
    expect(codes({ criteria: [criterion({ scale: { min: 0, max: 1, step: 0.3 } })] })).toEqual(["scale_step_mismatch"]);
  });

  it("allows at most 1000 steps", () => {
    expect(validateRubric({ criteria: [criterion({ scale: { min: 0, max: 100, step: 0.1 } })] })).toEqual([]);
    expect(validateRubric({ criteria: [criterion({ scale: { min: 0, max: 1000, step: 1 } })] })).toEqual([]);
    expect(validateRubric({ criteria: [criterion({ scale: { min: 0, max: 1001, step: 1 } })] })).toEqual([
      { code: "scale_too_fine", criterion: 0, params: { steps: 1001, max: 1000 } },
    ]);
  });

  it("accepts decimal steps despite floating point", () => {
    // 1 / 0.1 and 0.3 / 0.1 are not exact in binary; both must still count as whole steps.
    expect(validateRubric({ criteria: [criterion({ scale: { min: 0, max: 1, step: 0.1 } })] })).toEqual([]);
    expect(validateRubric({ criteria: [criterion({ scale: { min: 0, max: 0.3, step: 0.1 } })] })).toEqual([]);
    expect(validateRubric({ criteria: [criterion({ scale: { min: 0, max: 5, step: 0.5 } })] })).toEqual([]);
  });

  it("rejects a level outside the scale", () => {
    const rubric = twoCriteria();
    rubric.criteria[0]!.levels[2]!.max = 11;
    expect(validateRubric(rubric)).toEqual([{ code: "level_outside_scale", criterion: 0, level: 2 }]);
    rubric.criteria[0]!.levels[2]!.max = 10;
    rubric.criteria[0]!.levels[0]!.min = 0;
    expect(validateRubric(rubric)).toEqual([{ code: "level_outside_scale", criterion: 0, level: 0 }]);
  });

  it("rejects a level off the step grid", () => {
    const rubric = twoCriteria();
    // Team is 0..5 by 0.5: 2.5 is on the grid, 2.7 is not.
    rubric.criteria[1]!.levels = [
      { min: 0, max: 2.5, text: { en: "Weak" } },
      { min: 2.7, max: 5, text: { en: "Strong" } },
    ];
    expect(validateRubric(rubric)).toEqual([{ code: "level_off_step", criterion: 1, level: 1 }]);
  });

  it("rejects an inverted level", () => {
    const rubric = twoCriteria();
    rubric.criteria[0]!.levels = [{ min: 7, max: 4, text: { en: "Backwards" } }];
    expect(validateRubric(rubric)).toEqual([{ code: "level_inverted", criterion: 0, level: 0 }]);
  });

  it("rejects overlapping levels, including a shared end point and levels out of order", () => {
    const rubric = twoCriteria();
    rubric.criteria[0]!.levels[1]!.min = 3; // 1–3 and 3–7 share 3
    expect(validateRubric(rubric)).toEqual([{ code: "levels_overlap", criterion: 0, level: 1, params: { previous: 0 } }]);

    rubric.criteria[0]!.levels = [
      { min: 8, max: 10, text: { en: "Strong" } },
      { min: 1, max: 3, text: { en: "Weak" } },
    ];
    expect(codes(rubric)).toEqual(["levels_overlap"]);
  });

  it("treats adjacent decimal levels as touching, not overlapping", () => {
    const rubric: RubricDefinition = {
      criteria: [
        criterion({
          scale: { min: 0, max: 1, step: 0.1 },
          levels: [
            { min: 0, max: 0.1 + 0.2, text: { en: "Low" } }, // 0.30000000000000004
            { min: 0.4, max: 1, text: { en: "High" } },
          ],
        }),
      ],
    };
    expect(validateRubric(rubric)).toEqual([]);
    rubric.criteria[0]!.levels[1]!.min = 0.3; // the same grid point as 0.1 + 0.2
    expect(codes(rubric)).toEqual(["levels_overlap"]);
  });

  it("reports every problem at once, in criterion order", () => {
    const rubric: RubricDefinition = {
      criteria: [
        criterion({ key: "a", name: { en: "" }, weight: 50, scale: { min: 0, max: 10, step: 3 } }),
        criterion({ key: "a", weight: 30 }),
      ],
    };
    expect(validateRubric(rubric)).toEqual([
      { code: "weights_not_100", params: { total: 80 } },
      { code: "criterion_name_missing", criterion: 0 },
      { code: "scale_step_mismatch", criterion: 0 },
      { code: "duplicate_criterion_key", criterion: 1, params: { key: "a" } },
    ]);
  });
});

describe("isOnScale", () => {
  const tenths = { min: 0, max: 1, step: 0.1 };

  it("accepts values on the grid, including floating-point noise", () => {
    expect(isOnScale(0.1 + 0.2, tenths)).toBe(true);
    expect(isOnScale(0.30000000000000004, tenths)).toBe(true);
    expect(isOnScale(0, tenths)).toBe(true);
    expect(isOnScale(1, tenths)).toBe(true);
    expect(isOnScale(0.7, tenths)).toBe(true);
  });

  it("rejects values between steps or outside the range", () => {
    expect(isOnScale(0.35, tenths)).toBe(false);
    expect(isOnScale(1.1, tenths)).toBe(false);
    expect(isOnScale(-0.1, tenths)).toBe(false);
    expect(isOnScale(Number.NaN, tenths)).toBe(false);
    expect(isOnScale(2.5, { min: 0, max: 5, step: 0.5 })).toBe(true);
    expect(isOnScale(2.25, { min: 0, max: 5, step: 0.5 })).toBe(false);
    expect(isOnScale(0, { min: 1, max: 10, step: 1 })).toBe(false);
  });

  it("measures the grid from the minimum", () => {
    // 1..9 by 2: 1, 3, 5, 7, 9.
    const odd = { min: 1, max: 9, step: 2 };
    expect(isOnScale(5, odd)).toBe(true);
    expect(isOnScale(4, odd)).toBe(false);
  });

  it("accepts nothing on an unusable scale", () => {
    expect(isOnScale(1, { min: 0, max: 10, step: 0 })).toBe(false);
    expect(isOnScale(1, { min: 10, max: 0, step: 1 })).toBe(false);
  });
});

describe("weightedTotal", () => {
  it("normalises each score over its scale and weights it", () => {
    // innovation 10 on 1..10 → 1 × 60 = 60; team 2.5 on 0..5 → 0.5 × 40 = 20; total 80.
    expect(weightedTotal({ innovation: 10, team: 2.5 }, twoCriteria())).toBe(80);
    // 1 on 1..10 → 0; 5 on 0..5 → 40.
    expect(weightedTotal({ innovation: 1, team: 5 }, twoCriteria())).toBe(40);
    // 4 on 1..10 → 3/9 × 60 = 20; 0 → 0.
    expect(weightedTotal({ innovation: 4, team: 0 }, twoCriteria())).toBeCloseTo(20, 12);
  });

  it("does not round", () => {
    // 5 on 1..10 → 4/9 × 60 = 26.666…; 1 on 0..5 → 0.2 × 40 = 8.
    expect(weightedTotal({ innovation: 5, team: 1 }, twoCriteria())).toBeCloseTo(34.6666666667, 9);
  });

  it("is null when a score is missing", () => {
    expect(weightedTotal({ innovation: 10 }, twoCriteria())).toBeNull();
    expect(weightedTotal({}, twoCriteria())).toBeNull();
  });

  it("is null when a score is off the scale", () => {
    expect(weightedTotal({ innovation: 11, team: 2.5 }, twoCriteria())).toBeNull();
    expect(weightedTotal({ innovation: 10, team: 2.7 }, twoCriteria())).toBeNull();
    expect(weightedTotal({ innovation: Number.NaN, team: 2.5 }, twoCriteria())).toBeNull();
  });

  it("ignores scores for criteria the rubric does not have", () => {
    expect(weightedTotal({ innovation: 10, team: 2.5, market: 3 }, twoCriteria())).toBe(80);
  });

  it("is null for a rubric with no criteria", () => {
    expect(weightedTotal({}, { criteria: [] })).toBeNull();
  });

  it("does not read keys from the object prototype", () => {
    const rubric: RubricDefinition = { criteria: [criterion({ key: "toString" })] };
    expect(weightedTotal({}, rubric)).toBeNull();
  });
});

describe("copyRubric", () => {
  it("copies deeply, so edits to the copy leave the original alone", () => {
    const original = twoCriteria();
    const copy = copyRubric(original);
    expect(copy).toEqual(original);

    copy.criteria[0]!.weight = 50;
    copy.criteria[0]!.name.en = "Novelty";
    copy.criteria[0]!.scale.max = 5;
    copy.criteria[0]!.levels[0]!.text.en = "Changed";
    copy.criteria[0]!.levels.push({ min: 9, max: 9, text: { en: "Extra" } });
    copy.criteria[1]!.description!.en = "Changed";
    copy.criteria.push(criterion({ key: "market" }));

    expect(original).toEqual(twoCriteria());
  });
});

describe("isRubricLocked", () => {
  it("locks once any score exists", () => {
    expect(isRubricLocked(0)).toBe(false);
    expect(isRubricLocked(1)).toBe(true);
    expect(isRubricLocked(250)).toBe(true);
  });
});

describe("rubric templates", () => {
  const templates = Object.entries(RUBRIC_TEMPLATES);

  it.each(templates)("%s is a valid rubric", (_id, template) => {
    expect(validateRubric(template.rubric)).toEqual([]);
  });

  it.each(templates)("%s is written in every language", (_id, template) => {
    const texts: Array<[string, LocalizedText]> = [["name", template.name]];
    for (const c of template.rubric.criteria) {
      texts.push([`${c.key}.name`, c.name]);
      expect(c.description).not.toBeNull();
      if (c.description) texts.push([`${c.key}.description`, c.description]);
      c.levels.forEach((level, i) => texts.push([`${c.key}.levels.${i}`, level.text]));
    }
    const missing = texts.flatMap(([where, text]) =>
      LANGUAGES.filter((language) => !text[language]?.trim()).map((language) => `${where} ${language}`),
    );
    expect(missing).toEqual([]);
  });

  it("general_startup weighs five criteria on 1–10 with three bands each", () => {
    const { criteria } = RUBRIC_TEMPLATES.general_startup.rubric;
    expect(criteria.map((c) => [c.key, c.weight])).toEqual([
      ["innovation", 25],
      ["market", 20],
      ["business_model", 20],
      ["team", 20],
      ["social_impact", 15],
    ]);
    for (const c of criteria) {
      expect(c.scale).toEqual({ min: 1, max: 10, step: 1 });
      expect(c.levels.map((l) => [l.min, l.max])).toEqual([
        [1, 3],
        [4, 7],
        [8, 10],
      ]);
    }
  });

  it("china_national uses the national contests' four dimensions on 0–100", () => {
    const { criteria } = RUBRIC_TEMPLATES.china_national.rubric;
    expect(criteria.map((c) => [c.name.en, c.name["zh-CN"], c.weight])).toEqual([
      ["Innovation", "创新性", 30],
      ["Team", "团队", 25],
      ["Commercial viability", "商业性", 25],
      ["Employment and social value", "带动就业/社会价值", 20],
    ]);
    for (const c of criteria) expect(c.scale).toEqual({ min: 0, max: 100, step: 1 });
    // 80 points on every dimension is 80 overall; full marks on innovation alone is its 30.
    expect(weightedTotal(Object.fromEntries(criteria.map((c) => [c.key, 80])), { criteria })).toBeCloseTo(80, 12);
    const onlyInnovation = Object.fromEntries(criteria.map((c) => [c.key, c.key === "innovation" ? 100 : 0]));
    expect(weightedTotal(onlyInnovation, { criteria })).toBe(30);
  });

  it("cannot be edited in place; a copy can", () => {
    const template = RUBRIC_TEMPLATES.general_startup.rubric;
    expect(() => {
      template.criteria[0]!.weight = 99;
    }).toThrow(TypeError);
    const copy = copyRubric(template);
    copy.criteria[0]!.weight = 99;
    copy.criteria[0]!.scale.max = 5;
    expect(template.criteria[0]!.weight).toBe(25);
    expect(template.criteria[1]!.scale.max).toBe(10);
  });
});
