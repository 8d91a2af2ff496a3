// The allowed scores of a scale, reading the review form, and what to do with a browser's draft.
import { describe, expect, it } from "vitest";
import { scaleValues } from "#app/domain/score-scale";
import {
  confidenceOfInput,
  draftChoice,
  emptyReviewValues,
  parseDraft,
  readReviewForm,
  sameReviewValues,
  toReviewInput,
  valuesFromReview,
} from "#app/forms/review";

describe("scaleValues", () => {
  it("lists every step from min to max", () => {
    expect(scaleValues({ min: 1, max: 5, step: 1 })).toEqual([1, 2, 3, 4, 5]);
    expect(scaleValues({ min: 0, max: 2, step: 0.5 })).toEqual([0, 0.5, 1, 1.5, 2]);
  });
  it("keeps decimal steps clean of floating-point noise", () => {
    expect(scaleValues({ min: 0, max: 0.5, step: 0.1 })).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(scaleValues({ min: 0.25, max: 1, step: 0.25 })).toEqual([0.25, 0.5, 0.75, 1]);
  });
  it("is empty for a scale that is unusable, off its step or too fine", () => {
    expect(scaleValues({ min: 5, max: 1, step: 1 })).toEqual([]);
    expect(scaleValues({ min: 0, max: 10, step: 0 })).toEqual([]);
    expect(scaleValues({ min: 0, max: 10, step: 3 })).toEqual([]);
    expect(scaleValues({ min: 0, max: 1001, step: 1 })).toEqual([]);
    expect(scaleValues({ min: 0, max: 1000, step: 1 })).toHaveLength(1001);
  });
});

describe("the review form", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };

  it("reads scores and comments by criterion, and blanks as no score", () => {
    const read = readReviewForm(
      form({
        intent: "autosave",
        version: "3",
        "score-7": "8",
        "comment-7": "ok",
        "score-9": "",
        confidence: "medium",
        other: "x",
      }),
    );
    expect(read.intent).toBe("autosave");
    expect(read.version).toBe(3);
    const parsed = toReviewInput(read.values, 3);
    expect(parsed).toEqual({
      ok: true,
      input: {
        version: 3,
        scores: { 7: { value: 8, comment: "ok" }, 9: { value: null, comment: "" } },
        feedback: "",
        note: "",
        confidence: 3,
      },
    });
  });

  it("stores a confidence level as the ends and middle of the 1–5 scale, and none as null", () => {
    const input = (confidence: string) => {
      const parsed = toReviewInput({ ...emptyReviewValues(), confidence }, 0);
      return parsed.ok ? parsed.input.confidence : parsed.errors;
    };
    expect(["low", "medium", "high", "", " "].map(input)).toEqual([1, 3, 5, null, null]);
    // A page or a browser draft from before the three levels still saves: 1–2 low, 3 medium, 4–5 high.
    expect(["1", "2", "3", "4", "5"].map(input)).toEqual([1, 1, 3, 5, 5]);
    expect(["0", "6", "3.5", "HIGH", "very"].map(confidenceOfInput)).toEqual(Array(5).fill("invalid"));
  });

  it("shows an old 1–5 confidence as its level", () => {
    const review = (confidence: number | null) => valuesFromReview({ feedback: "", note: "", confidence, scores: {} }).confidence;
    expect([1, 2, 3, 4, 5, null].map(review)).toEqual(["low", "low", "medium", "high", "high", ""]);
  });

  it("falls back to a draft save for an unknown intent, and has no version for a bad one", () => {
    const read = readReviewForm(form({ intent: "delete", version: "-1" }));
    expect(read.intent).toBe("save");
    expect(read.version).toBeNull();
  });

  it("reports what is not a number, too long, or not a confidence", () => {
    const values = { ...emptyReviewValues(), scores: { "7": "eight" }, feedback: "x".repeat(5001), confidence: "6" };
    expect(toReviewInput(values, 0)).toEqual({
      ok: false,
      errors: { "score-7": ["not_a_number"], feedback: ["too_long?max=5000"], confidence: ["confidence_invalid"] },
    });
  });
});

describe("a browser's draft", () => {
  const server = {
    version: 2,
    values: { ...emptyReviewValues(), scores: { "7": "8" }, comments: { "7": "" }, feedback: "Good" },
  };

  it("compares values as the server stores them", () => {
    expect(sameReviewValues(server.values, { ...server.values, scores: { "7": "8.0" }, comments: {}, feedback: " Good " })).toBe(
      true,
    );
    expect(sameReviewValues(server.values, { ...server.values, scores: { "7": "9" } })).toBe(false);
  });

  it("is dropped when the server has it, restored over the same version, offered over an older one", () => {
    const changed = { ...server.values, feedback: "Better" };
    expect(draftChoice(null, server)).toBe("none");
    expect(draftChoice({ version: 1, at: 0, values: server.values }, server)).toBe("discard");
    expect(draftChoice({ version: 2, at: 0, values: changed }, server)).toBe("restore");
    expect(draftChoice({ version: 1, at: 0, values: changed }, server)).toBe("offer");
  });

  it("ignores stored text that is not a draft", () => {
    expect(parseDraft("not json")).toBeNull();
    expect(parseDraft(JSON.stringify({ version: "x" }))).toBeNull();
    expect(parseDraft(JSON.stringify({ version: 1, at: 5, values: server.values }))).toEqual({
      version: 1,
      at: 5,
      values: server.values,
    });
  });
});
