// Custom registration questions: definitions, answers as a form sends them, and how answers are shown.
import { describe, expect, it } from "vitest";
import {
  QUESTION_KINDS,
  answersFromFormData,
  buildAnswersSchema,
  formatAnswer,
  isIsoDate,
  questionDefinitionSchema,
  validateQuestionSet,
  type QuestionDefinition,
  type QuestionKind,
} from "#app/domain/questions";

const label = (en: string) => ({ en });

function question(kind: QuestionKind, extra: Partial<QuestionDefinition> = {}): QuestionDefinition {
  const base: QuestionDefinition = { key: "q", kind, label: label("Question"), help: null, required: false };
  if (kind === "single_choice" || kind === "multiple_choice") {
    base.options = [
      { value: "agri", label: { en: "Agriculture", "zh-CN": "农业", th: "เกษตรกรรม" } },
      { value: "fintech", label: { en: "Fintech", "zh-CN": "金融科技" } },
      { value: "health", label: { en: "Health" } },
    ];
  }
  return { ...base, ...extra };
}

/** Parses one answer for one question; returns the value or the first error message. */
function answer(def: QuestionDefinition, raw: unknown): { value?: unknown; error?: string } {
  const result = buildAnswersSchema([def]).safeParse(raw === undefined ? {} : { [def.key]: raw });
  if (result.success) return { value: result.data[def.key] };
  return { error: result.error.issues[0]?.message };
}

const ok = (value: unknown) => ({ value });
const err = (error: string) => ({ error });

describe("short and long text", () => {
  it("trims, and treats empty or whitespace-only as no answer", () => {
    expect(answer(question("short_text"), "  Lotus Labs  ")).toEqual(ok("Lotus Labs"));
    expect(answer(question("short_text"), "   \t ")).toEqual(ok(undefined));
    expect(answer(question("short_text"), "")).toEqual(ok(undefined));
    expect(answer(question("short_text"), undefined)).toEqual(ok(undefined));
    expect(answer(question("short_text", { required: true }), "   ")).toEqual(err("required"));
    expect(answer(question("long_text", { required: true }), undefined)).toEqual(err("required"));
  });

  it("allows exactly maxLength characters and refuses one more", () => {
    const def = question("short_text", { maxLength: 10 });
    expect(answer(def, "a".repeat(10))).toEqual(ok("a".repeat(10)));
    expect(answer(def, "a".repeat(11))).toEqual(err("too_long?max=10"));
    // Surrounding spaces do not count.
    expect(answer(def, `  ${"a".repeat(10)}  `)).toEqual(ok("a".repeat(10)));
  });

  it("defaults to 200 characters for short text and 5000 for long text", () => {
    expect(answer(question("short_text"), "x".repeat(200))).toEqual(ok("x".repeat(200)));
    expect(answer(question("short_text"), "x".repeat(201))).toEqual(err("too_long?max=200"));
    expect(answer(question("long_text"), "x".repeat(5000))).toEqual(ok("x".repeat(5000)));
    expect(answer(question("long_text"), "x".repeat(5001))).toEqual(err("too_long?max=5000"));
  });

  it("counts a textarea's CRLF line break as one character, as the browser's maxlength does", () => {
    const def = question("long_text", { maxLength: 5 });
    expect(answer(def, "ab\r\ncd")).toEqual(ok("ab\ncd"));
    expect(answer(def, "ab\r\ncde")).toEqual(err("too_long?max=5"));
  });

  it("keeps short text on one line", () => {
    expect(answer(question("short_text"), "Lotus\r\nLabs")).toEqual(ok("Lotus Labs"));
  });

  it("does not take a file for text", () => {
    const file = new File(["x"], "x.txt");
    expect(answer(question("short_text", { required: true }), file)).toEqual(err("required"));
  });
});

describe("single choice", () => {
  const def = question("single_choice", { required: true });

  it("accepts a listed option value", () => {
    expect(answer(def, "fintech")).toEqual(ok("fintech"));
    expect(answer(def, " fintech ")).toEqual(ok("fintech"));
  });

  it("refuses an unknown value, including a label or a different case", () => {
    expect(answer(def, "mining")).toEqual(err("invalid_choice"));
    expect(answer(def, "Fintech")).toEqual(err("invalid_choice"));
  });

  it("is required when required, and undefined when optional and empty", () => {
    expect(answer(def, "")).toEqual(err("required"));
    expect(answer(question("single_choice"), "")).toEqual(ok(undefined));
  });
});

describe("multiple choice", () => {
  it("accepts a list or a single string and returns options in the organiser's order, once each", () => {
    const def = question("multiple_choice");
    expect(answer(def, ["health", "agri", "health"])).toEqual(ok(["agri", "health"]));
    expect(answer(def, "fintech")).toEqual(ok(["fintech"]));
  });

  it("refuses any unknown value among the choices", () => {
    expect(answer(question("multiple_choice"), ["agri", "mining"])).toEqual(err("invalid_choice"));
  });

  it("treats no selection as no answer", () => {
    expect(answer(question("multiple_choice"), [])).toEqual(ok(undefined));
    expect(answer(question("multiple_choice"), ["", " "])).toEqual(ok(undefined));
    expect(answer(question("multiple_choice", { required: true }), [])).toEqual(err("required"));
    expect(answer(question("multiple_choice", { required: true }), undefined)).toEqual(err("required"));
  });

  it("enforces min and max selections, inclusive", () => {
    const def = question("multiple_choice", { min: 2, max: 2 });
    expect(answer(def, ["agri"])).toEqual(err("too_few_choices?min=2"));
    expect(answer(def, ["agri", "fintech"])).toEqual(ok(["agri", "fintech"]));
    expect(answer(def, ["agri", "fintech", "health"])).toEqual(err("too_many_choices?max=2"));
    // Optional means the entrant may skip it; the minimum applies once they answer.
    expect(answer(def, [])).toEqual(ok(undefined));
  });
});

describe("number", () => {
  const def = question("number", { min: 1, max: 50 });

  it("parses what a number input sends", () => {
    expect(answer(def, "12")).toEqual(ok(12));
    expect(answer(def, " 2.5 ")).toEqual(ok(2.5));
    expect(answer(def, "1e1")).toEqual(ok(10));
    expect(answer(question("number"), "-3")).toEqual(ok(-3));
    expect(answer(question("number"), 7)).toEqual(ok(7));
  });

  it("refuses text that is not a plain number", () => {
    for (const text of ["twelve", "12abc", "0x10", "1,000", "Infinity", "NaN", "1e999", "--1"]) {
      expect(answer(def, text), text).toEqual(err("not_a_number"));
    }
  });

  it("has inclusive bounds", () => {
    expect(answer(def, "1")).toEqual(ok(1));
    expect(answer(def, "50")).toEqual(ok(50));
    expect(answer(def, "0.99")).toEqual(err("number_too_small?min=1"));
    expect(answer(def, "50.01")).toEqual(err("number_too_large?max=50"));
  });

  it("treats empty as no answer", () => {
    expect(answer(def, "")).toEqual(ok(undefined));
    expect(answer(question("number", { required: true }), "  ")).toEqual(err("required"));
  });
});

describe("date", () => {
  it("accepts real calendar days only", () => {
    expect(answer(question("date"), "2028-02-29")).toEqual(ok("2028-02-29"));
    expect(answer(question("date"), "2027-02-29")).toEqual(err("invalid_date"));
    expect(answer(question("date"), "2026-04-31")).toEqual(err("invalid_date"));
    expect(answer(question("date"), "2026-13-01")).toEqual(err("invalid_date"));
    expect(answer(question("date"), "24/11/2026")).toEqual(err("invalid_date"));
    expect(answer(question("date"), "2026-11-24T00:00:00Z")).toEqual(err("invalid_date"));
  });

  it("knows the century rules for leap years", () => {
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("0000-01-01")).toBe(false);
  });

  it("has inclusive bounds", () => {
    const def = question("date", { minDate: "2026-01-01", maxDate: "2026-12-31" });
    expect(answer(def, "2026-01-01")).toEqual(ok("2026-01-01"));
    expect(answer(def, "2026-12-31")).toEqual(ok("2026-12-31"));
    expect(answer(def, "2025-12-31")).toEqual(err("date_too_early?min=2026-01-01"));
    expect(answer(def, "2027-01-01")).toEqual(err("date_too_late?max=2026-12-31"));
  });

  it("treats empty as no answer", () => {
    expect(answer(question("date"), "")).toEqual(ok(undefined));
    expect(answer(question("date", { required: true }), "")).toEqual(err("required"));
  });
});

describe("checkbox", () => {
  it("is ticked by 'on' or 'true', and false when missing", () => {
    expect(answer(question("checkbox"), "on")).toEqual(ok(true));
    expect(answer(question("checkbox"), "true")).toEqual(ok(true));
    expect(answer(question("checkbox"), undefined)).toEqual(ok(false));
    expect(answer(question("checkbox"), "")).toEqual(ok(false));
    expect(answer(question("checkbox"), "false")).toEqual(ok(false));
  });

  it("must be ticked when required", () => {
    const def = question("checkbox", { required: true });
    expect(answer(def, undefined)).toEqual(err("must_accept"));
    expect(answer(def, "on")).toEqual(ok(true));
  });
});

describe("url", () => {
  const def = question("url");

  it("accepts http and https addresses as typed", () => {
    expect(answer(def, " https://lotus.example/pitch ")).toEqual(ok("https://lotus.example/pitch"));
    expect(answer(def, "http://localhost:3000")).toEqual(ok("http://localhost:3000"));
  });

  it("refuses other schemes and things the URL parser would repair", () => {
    for (const text of [
      "javascript:alert(1)",
      "ftp://x",
      "data:text/html,hi",
      "http:evil.example",
      "https://",
      "lotus.example",
      "https://exa mple.com",
    ]) {
      expect(answer(def, text), text).toEqual(err("url_invalid"));
    }
  });

  it("allows 2000 characters and refuses 2001", () => {
    const base = "https://lotus.example/";
    expect(answer(def, base + "a".repeat(2000 - base.length))).toEqual(ok(base + "a".repeat(2000 - base.length)));
    expect(answer(def, base + "a".repeat(2001 - base.length))).toEqual(err("url_invalid"));
  });

  it("treats empty as no answer", () => {
    expect(answer(def, "")).toEqual(ok(undefined));
    expect(answer(question("url", { required: true }), "")).toEqual(err("required"));
  });
});

describe("the answers schema", () => {
  const defs: QuestionDefinition[] = [
    question("short_text", { key: "startup_name", required: true }),
    question("multiple_choice", { key: "sectors" }),
    question("number", { key: "team_size" }),
    question("checkbox", { key: "consent", required: true }),
  ];

  it("strips keys no question asked for", () => {
    const result = buildAnswersSchema(defs).safeParse({ startup_name: "Lotus", consent: "on", admin: "true", q_extra: "x" });
    expect(result.success).toBe(true);
    expect(result.success && result.data).toEqual({ startup_name: "Lotus", consent: true });
    expect(result.success && Object.keys(result.data)).not.toContain("admin");
  });

  it("reports every failing question under its key", () => {
    const result = buildAnswersSchema(defs).safeParse({ startup_name: " ", sectors: ["space"], team_size: "many" });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries((result.success ? [] : result.error.issues).map((i) => [i.path.join("."), i.message]));
    expect(byField).toEqual({
      startup_name: "required",
      sectors: "invalid_choice",
      team_size: "not_a_number",
      consent: "must_accept",
    });
  });

  it("reads answers from a real FormData", () => {
    const form = new FormData();
    form.append("q_startup_name", "  Lotus Labs ");
    form.append("q_sectors", "agri");
    form.append("q_sectors", "health");
    form.append("q_team_size", "4");
    form.append("q_consent", "on");
    form.append("startup_name", "not prefixed, ignored");
    form.append("q_unknown", "ignored");
    const raw = answersFromFormData(defs, form);
    expect(raw).toEqual({ startup_name: "  Lotus Labs ", sectors: ["agri", "health"], team_size: "4", consent: "on" });
    expect(buildAnswersSchema(defs).parse(raw)).toEqual({
      startup_name: "Lotus Labs",
      sectors: ["agri", "health"],
      team_size: 4,
      consent: true,
    });
  });

  it("reads an empty form as unanswered, with another prefix", () => {
    const form = new FormData();
    form.append("answer.startup_name", "Lotus");
    form.append("answer.consent", "true");
    form.append("answer.team_size", new File(["x"], "x.txt"));
    const raw = answersFromFormData(defs, form, "answer.");
    expect(raw).toEqual({ startup_name: "Lotus", sectors: [], team_size: undefined, consent: "true" });
    expect(buildAnswersSchema(defs).parse(raw)).toEqual({ startup_name: "Lotus", consent: true });
  });
});

describe("every kind parses its own valid sample (required and optional)", () => {
  const samples: Record<QuestionKind, { raw: unknown; parsed: unknown; empty: unknown }> = {
    short_text: { raw: "Lotus Labs", parsed: "Lotus Labs", empty: undefined },
    long_text: { raw: "We grow rice\r\nwith less water.", parsed: "We grow rice\nwith less water.", empty: undefined },
    single_choice: { raw: "agri", parsed: "agri", empty: undefined },
    multiple_choice: { raw: ["fintech", "agri"], parsed: ["agri", "fintech"], empty: undefined },
    number: { raw: "42", parsed: 42, empty: undefined },
    date: { raw: "2026-11-24", parsed: "2026-11-24", empty: undefined },
    checkbox: { raw: "on", parsed: true, empty: false },
    url: { raw: "https://lotus.example", parsed: "https://lotus.example", empty: undefined },
  };

  it("covers every kind", () => {
    expect(Object.keys(samples).sort()).toEqual([...QUESTION_KINDS].sort());
  });

  it.each([...QUESTION_KINDS])("%s", (kind) => {
    const sample = samples[kind];
    for (const required of [true, false]) {
      const def = questionDefinitionSchema.parse(question(kind, { key: `a_${kind}`, required }));
      expect(validateQuestionSet([def])).toEqual([]);
      expect(answer(def, sample.raw)).toEqual(ok(sample.parsed));
      expect(answer(def, "")).toEqual(required ? err(kind === "checkbox" ? "must_accept" : "required") : ok(sample.empty));
      // A parsed answer is itself a valid answer (what the service re-checks when an entry is edited).
      expect(answer(def, sample.parsed)).toEqual(ok(sample.parsed));
    }
  });
});

describe("question definitions", () => {
  const codes = (def: unknown) => {
    const result = questionDefinitionSchema.safeParse(def);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it("accepts a full definition and drops fields the kind does not use", () => {
    const parsed = questionDefinitionSchema.parse({
      key: "founded_on",
      kind: "date",
      label: { en: " Founded on ", "zh-CN": "成立日期", fr: "ignored" },
      help: { en: "", "zh-CN": "" },
      required: true,
      options: [],
      minDate: "2000-01-01",
      maxDate: "2026-12-31",
      extra: "dropped",
    });
    expect(parsed).toEqual({
      key: "founded_on",
      kind: "date",
      label: { en: "Founded on", "zh-CN": "成立日期" },
      help: null,
      required: true,
      minDate: "2000-01-01",
      maxDate: "2026-12-31",
    });
    expect(questionDefinitionSchema.parse({ key: "x", kind: "checkbox", label: { en: "I agree" } })).toEqual({
      key: "x",
      kind: "checkbox",
      label: { en: "I agree" },
      help: null,
      required: false,
    });
  });

  it("checks the key", () => {
    for (const key of ["Startup", "1st", "_x", "with-dash", "a".repeat(41), "", 12]) {
      expect(codes(question("short_text", { key: key as string })), String(key)).toEqual(["question_key_invalid"]);
    }
    expect(codes(question("short_text", { key: "a".repeat(40) }))).toEqual([]);
  });

  it("needs an English label, and English help when help is given", () => {
    expect(codes({ ...question("short_text"), label: { "zh-CN": "名称" } })).toEqual(["question_label_missing"]);
    expect(codes({ ...question("short_text"), label: { en: "  " } })).toEqual(["question_label_missing"]);
    expect(codes({ ...question("short_text"), label: undefined })).toEqual(["question_label_missing"]);
    expect(codes({ ...question("short_text"), help: { th: "ช่วย" } })).toEqual(["question_label_missing"]);
    const options = [
      { value: "a", label: { en: "A" } },
      { value: "b", label: { vi: "B" } },
    ];
    expect(codes(question("single_choice", { options: options as QuestionDefinition["options"] }))).toEqual([
      "question_label_missing",
    ]);
  });

  it("refuses an unknown kind", () => {
    expect(codes({ ...question("short_text"), kind: "file" })).toEqual(["invalid_choice"]);
  });

  it("needs 2 to 50 options on choice kinds, and none elsewhere", () => {
    const opts = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `o${i}`, label: label(`Option ${i}`) }));
    expect(codes(question("single_choice", { options: opts(1) }))).toEqual(["options_required"]);
    expect(codes(question("multiple_choice", { options: undefined }))).toEqual(["options_required"]);
    expect(codes(question("single_choice", { options: opts(2) }))).toEqual([]);
    expect(codes(question("single_choice", { options: opts(50) }))).toEqual([]);
    expect(codes(question("single_choice", { options: opts(51) }))).toEqual(["too_many_options"]);
    expect(codes(question("short_text", { options: opts(2) }))).toEqual(["options_not_allowed"]);
  });

  it("checks option values and their uniqueness", () => {
    const bad = [
      { value: "Agri", label: label("A") },
      { value: "b c", label: label("B") },
    ];
    expect(codes(question("single_choice", { options: bad }))).toEqual(["option_value_invalid", "option_value_invalid"]);
    const dup = [
      { value: "a", label: label("A") },
      { value: "a", label: label("A again") },
    ];
    const result = questionDefinitionSchema.safeParse(question("single_choice", { options: dup }));
    expect(result.success ? [] : result.error.issues.map((i) => [i.message, i.path.join(".")])).toEqual([
      ["duplicate_option", "options.1.value"],
    ]);
  });

  it("refuses inverted bounds", () => {
    expect(codes(question("number", { min: 10, max: 1 }))).toEqual(["bounds_inverted"]);
    expect(codes(question("number", { min: 5, max: 5 }))).toEqual([]);
    expect(codes(question("date", { minDate: "2026-02-01", maxDate: "2026-01-31" }))).toEqual(["bounds_inverted"]);
    expect(codes(question("multiple_choice", { min: 3, max: 2 }))).toEqual(["bounds_inverted"]);
    // More required selections than there are options (3) could never be met.
    expect(codes(question("multiple_choice", { min: 4 }))).toEqual(["bounds_inverted"]);
  });

  it("refuses bounds that are not numbers or dates, or that the kind does not use", () => {
    expect(codes(question("number", { min: Number.NaN }))).toEqual(["bounds_invalid"]);
    expect(codes({ ...question("number"), max: "10" })).toEqual(["bounds_invalid"]);
    expect(codes(question("multiple_choice", { max: 1.5 }))).toEqual(["bounds_invalid"]);
    expect(codes(question("multiple_choice", { max: 0 }))).toEqual(["bounds_invalid"]);
    expect(codes(question("short_text", { min: 1 }))).toEqual(["bounds_invalid"]);
    expect(codes(question("date", { minDate: "2027-02-29" }))).toEqual(["bounds_invalid"]);
    expect(codes(question("number", { maxDate: "2027-01-01" }))).toEqual(["bounds_invalid"]);
  });

  it("allows maxLength from 1 to 20000 on text kinds only", () => {
    expect(codes(question("long_text", { maxLength: 20000 }))).toEqual([]);
    expect(codes(question("short_text", { maxLength: 1 }))).toEqual([]);
    for (const maxLength of [0, 20001, 2.5, -1]) {
      expect(codes(question("long_text", { maxLength })), String(maxLength)).toEqual(["max_length_invalid"]);
    }
    expect(codes(question("number", { maxLength: 10 }))).toEqual(["max_length_invalid"]);
  });

  it("gives codes, never English zod messages, for structural nonsense", () => {
    expect(codes(null)).toEqual(["question_invalid"]);
    expect(codes({ ...question("checkbox"), required: "yes" })).toEqual(["question_invalid"]);
    expect(codes({ ...question("single_choice"), options: "a,b" })).toEqual(["options_required"]);
  });
});

describe("a question set", () => {
  it("is valid when every question is", () => {
    expect(validateQuestionSet([])).toEqual([]);
    expect(validateQuestionSet([question("short_text", { key: "a" }), question("number", { key: "b" })])).toEqual([]);
  });

  it("reports each problem with the question's index and field", () => {
    const issues = validateQuestionSet([
      question("short_text", { key: "name" }),
      question("number", { key: "Bad Key" }),
      question("short_text", { key: "name" }),
    ]);
    expect(issues).toEqual([
      { code: "question_key_invalid", index: 1, field: "key" },
      { code: "duplicate_question_key", index: 2, field: "key" },
    ]);
  });

  it("holds at most 50 questions", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => question("short_text", { key: `q${i}` }));
    expect(validateQuestionSet(many(50))).toEqual([]);
    expect(validateQuestionSet(many(51))).toEqual([{ code: "too_many_questions" }]);
  });
});

describe("formatting an answer", () => {
  it("shows choice labels in the viewer's language, falling back to English", () => {
    const single = question("single_choice");
    expect(formatAnswer(single, "agri", "zh-CN")).toBe("农业");
    expect(formatAnswer(single, "agri", "th")).toBe("เกษตรกรรม");
    expect(formatAnswer(single, "health", "zh-CN")).toBe("Health");
    // Traditional Chinese falls back to Simplified before English.
    expect(formatAnswer(single, "fintech", "zh-TW")).toBe("金融科技");
    expect(formatAnswer(question("multiple_choice"), ["agri", "fintech"], "en")).toBe("Agriculture, Fintech");
    // An option removed after it was chosen still shows by its value.
    expect(formatAnswer(single, "mining", "en")).toBe("mining");
  });

  it("shows a tick, a dash for no answer, and other values as they are", () => {
    expect(formatAnswer(question("checkbox"), true, "en")).toBe("✓");
    expect(formatAnswer(question("checkbox"), false, "en")).toBe("—");
    expect(formatAnswer(question("short_text"), undefined, "en")).toBe("—");
    expect(formatAnswer(question("multiple_choice"), [], "en")).toBe("—");
    expect(formatAnswer(question("short_text"), "Lotus Labs", "vi")).toBe("Lotus Labs");
    expect(formatAnswer(question("date"), "2028-02-29", "zh-CN")).toBe("2028-02-29");
    expect(formatAnswer(question("url"), "https://lotus.example", "en")).toBe("https://lotus.example");
  });

  it("writes numbers the viewer's way without grouping a year", () => {
    expect(formatAnswer(question("number"), 2026, "en")).toBe("2026");
    expect(formatAnswer(question("number"), 12500, "en")).toBe("12,500");
    expect(formatAnswer(question("number"), 2.5, "id")).toBe("2,5");
    expect(formatAnswer(question("number"), 0, "en")).toBe("0");
  });
});
