// Every action of the app with the visitor allowed to use it and the fields its forms really send
// (per intent), with plausible values from the world; tests/support/bad-input.ts mixes in the hostile
// ones. The bad-input tests fail when a route module with an action has no case here.
import fc from "fast-check";
import { makePdf } from "./documents";
import { TEST_PASSWORD } from "./factories";
import { P, type ActionCase, type IntentSpec, type Plausible } from "./bad-input";
import type { DB } from "#app/infra/db.server";
import type { World } from "./bad-input-world";

const LANGUAGES = ["en", "zh-CN", "zh-TW", "id", "ms", "th", "vi"];
const localized = (name: string, max = 60): Record<string, Plausible> => ({
  [`${name}.en`]: P.text(max),
  [`${name}.zh-CN`]: P.text(max),
});
const timeZone = P.one("Asia/Singapore", "UTC", "Asia/Ho_Chi_Minh");
const country = P.one("SG", "VN", "TH", "CN");
const currency = P.one("USD", "SGD", "VND", "usd");
const amount = fc.oneof(P.int(0, 100_000), P.one("1250.50", "0", "0.01"));
const csvFile = P.file(
  "judges.csv",
  "text/csv",
  fc
    .array(fc.tuple(fc.emailAddress(), fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 3 })
    .map((rows) =>
      new TextEncoder().encode(["email,name", ...rows.map(([e, n]) => `${e},"${n.replace(/"/g, '""')}"`)].join("\n")),
    ),
);
const pdfFile = P.file("deck.pdf", "application/pdf", fc.constant(new Uint8Array(makePdf(2))));

const teamFields: Record<string, Plausible> = {
  name: P.text(80),
  country,
  city: P.text(40),
  organisation: P.text(60),
  stage: P.one("idea", "prototype", "early_revenue", "growth"),
  foundingYear: P.int(1990, 2026),
  website: P.one("https://example.org", "http://greenloop.example/about"),
  pitch: P.text(120),
  foundersWomen: P.int(0, 3),
  foundersMen: P.int(0, 3),
  foundersOther: P.int(0, 1),
  womenLed: P.box(),
};
const teamTexts = ["name", "city", "organisation", "pitch"];

const roundFields: Record<string, Plausible> = {
  ...localized("name", 80),
  submissionOpensAt: P.dateTime(),
  submissionClosesAt: P.dateTime(),
  reviewOpensAt: P.dateTime(),
  reviewClosesAt: P.dateTime(),
  blindReview: P.box(),
  judgesPerEntry: P.int(1, 20),
};

function rubricFields(): Record<string, Plausible> {
  const fields: Record<string, Plausible> = {};
  for (const i of [0, 1]) {
    fields[`criteria[${i}].key`] = P.one(`crit_${i}`, "pitch", "market");
    fields[`criteria[${i}].name.en`] = P.text(60);
    fields[`criteria[${i}].weight`] = P.one("50", "40", "60", "100");
    fields[`criteria[${i}].scaleMin`] = P.one("0", "1");
    fields[`criteria[${i}].scaleMax`] = P.one("10", "5", "100");
    fields[`criteria[${i}].scaleStep`] = P.one("1", "0.5", "5");
    fields[`criteria[${i}].levels[0].min`] = P.one("0", "6");
    fields[`criteria[${i}].levels[0].max`] = P.one("5", "10");
    fields[`criteria[${i}].levels[0].text.en`] = P.text(80);
  }
  return fields;
}

const questionFields: Record<string, Plausible> = {
  kind: P.one("short_text", "long_text", "number", "single_choice", "multiple_choice", "date", "checkbox", "url"),
  key: P.one("founded_in", "revenue_band", "q_1"),
  ...localized("label", 80),
  "help.en": P.text(80),
  required: P.box(),
  "options[0].value": P.one("a", "small", ""),
  "options[0].label.en": P.text(40),
  "options[1].value": P.one("b", "large", ""),
  "options[1].label.en": P.text(40),
  min: P.int(-5, 5),
  max: P.int(5, 500),
  maxLength: P.int(1, 20_000),
  minDate: P.date(),
  maxDate: P.date(),
};

function checkinFields(w: World): Record<string, Plausible> {
  return {
    version: P.one("0", "1", "2"),
    revenue: amount,
    revenueCurrency: currency,
    funding: amount,
    fundingCurrency: currency,
    employees: P.int(0, 50),
    womenEmployees: P.int(0, 20),
    customers: P.int(0, 1000),
    jobsCreated: P.int(0, 30),
    ipFiled: P.int(0, 5),
    wentWell: P.text(200),
    blockers: P.text(200),
    "milestones[0].id": P.ids(...w.milestones),
    "milestones[0].status": P.one("planned", "in_progress", "done", "dropped"),
    "milestones[0].note": P.text(100),
  };
}

const versions = P.one("1", "2", "3");

export function actionCases(w: World): ActionCase[] {
  const contest = { contestId: String(w.contestId) };
  const round = (roundId: number) => ({ ...contest, roundId: String(roundId) });
  const cohort = { ...contest, cohortId: String(w.cohortId) };
  const restorePassword = (email: string, hash: string) => async (db: DB) => {
    await db.updateTable("users").set({ password_hash: hash }).where("email", "=", email).execute();
  };
  const handIn: Record<string, IntentSpec> = {
    "": {
      fields: {
        requirementId: P.ids(w.materials.deck, w.materials.text, w.materials.video),
        file: pdfFile,
        value: fc.oneof(P.text(200), P.one("https://youtu.be/dQw4w9WgXcQ", "https://vimeo.com/76979871")),
        language: P.one("en", "th", "", "xx"),
      },
      files: ["file"],
    },
    receipt: {},
    materials_language: { fields: { language: P.one("en", "zh", "vi", "km") } },
  };
  const supportStaff = (intents: string[]): Record<string, IntentSpec> => {
    const all: Record<string, IntentSpec> = {
      "route-mentor": { fields: { requestId: P.ids(w.supportRequest), version: versions, mentorId: P.ids(w.users.mentor.id) } },
      "route-partner": {
        fields: { requestId: P.ids(w.supportRequest), version: versions, partner: P.text(100) },
        texts: ["partner"],
      },
      close: {
        fields: { requestId: P.ids(w.supportRequest), version: versions, resolution: P.text(300) },
        texts: ["resolution"],
      },
      note: { fields: { requestId: P.ids(w.supportRequest), note: P.text(300) }, texts: ["note"] },
      "in-progress": { fields: { requestId: P.ids(w.supportRequest), version: versions } },
      reopen: { fields: { requestId: P.ids(w.supportRequest), version: versions } },
    };
    return Object.fromEntries(intents.map((i) => [i, all[i]!]));
  };

  return [
    // ---- Accounts, teams, registration and hand-in -------------------------------------------
    {
      route: "login",
      group: "accounts",
      as: null,
      params: {},
      fields: {
        email: P.one(w.users.plain.email, w.users.lead.email, "nobody@example.org"),
        password: fc.oneof(P.one(TEST_PASSWORD), P.text(30)),
        redirectTo: P.one("/teams/new", "//evil.example", "https://evil.example/x", "/\\evil.example", "javascript:alert(1)"),
      },
      // A failed sign-in of a known account is audited by design.
      ignoreRow: (table, row) => table === "audit_events" && row.action === "user.sign_in_failed",
    },
    { route: "logout", group: "accounts", as: "member", params: {}, fields: {} },
    {
      route: "signup",
      group: "accounts",
      as: null,
      params: {},
      fields: {
        name: P.text(60),
        email: P.email(),
        password: P.one("a long enough password"),
        confirmPassword: P.one("a long enough password"),
        preferredLanguage: P.one(...LANGUAGES),
        country,
        timeZone,
      },
      texts: ["name", "email"],
    },
    {
      route: "forgot-password",
      group: "accounts",
      as: null,
      params: {},
      fields: { email: P.one(w.users.plain.email, "x@example.org") },
    },
    {
      route: "reset-password.$token",
      group: "accounts",
      as: null,
      params: { token: w.tokens.reset },
      fields: { password: P.one("another long password"), confirmPassword: P.one("another long password") },
    },
    {
      route: "verify-email.$token",
      group: "accounts",
      as: "unverified",
      params: { token: w.tokens.verify },

      fields: {},
    },
    { route: "verify-email.resend", group: "accounts", as: "unverified", params: {}, fields: {} },
    {
      route: "set-language",
      group: "accounts",
      as: "plain",
      params: {},
      fields: { language: P.one(...LANGUAGES), redirectTo: P.one("/settings", "//evil.example", "https://evil.example") },
    },
    {
      route: "settings._index",
      group: "accounts",
      as: "plain",
      params: {},
      fields: { name: P.text(60), preferredLanguage: P.one(...LANGUAGES), country, timeZone, version: versions },
      texts: ["name"],
    },
    {
      route: "settings.password",
      group: "accounts",
      as: "member",
      params: {},

      fields: {
        currentPassword: fc.oneof(P.one(TEST_PASSWORD), P.text(20)),
        password: P.one("a brand new password"),
        confirmPassword: P.one("a brand new password"),
      },
      after: restorePassword(w.users.member.email, w.users.member.password_hash),
    },
    { route: "settings.sessions", group: "accounts", as: "member", params: {}, fields: {} },
    {
      route: "invitations.$token",
      group: "accounts",
      as: "invitee",
      params: { token: w.tokens.team },
      fields: { answer: P.one("accept", "decline") },
    },
    {
      route: "judge-invitations.$token",
      group: "accounts",
      as: "judgeInvitee",
      params: { token: w.tokens.judge },
      fields: { answer: P.one("accept", "decline") },
    },
    {
      route: "mentor-invitations.$token",
      group: "accounts",
      as: "mentorInvitee",
      params: { token: w.tokens.mentor },
      fields: { answer: P.one("accept", "decline") },
    },
    {
      route: "heat-invitations.$token",
      group: "accounts",
      as: "heatInvitee",
      params: { token: w.tokens.heat },
      fields: { answer: P.one("accept", "decline") },
    },
    { route: "teams.new", group: "accounts", as: "plain", params: {}, fields: teamFields, texts: teamTexts },
    {
      route: "teams.$teamId",
      group: "accounts",
      as: "lead",
      params: { teamId: String(w.teamA) },
      intents: {
        update: { fields: { ...teamFields, version: versions }, texts: teamTexts },
        invite: { fields: { email: P.email() }, texts: ["email"] },
        revoke: { fields: { invitationId: P.ids(w.teamInvitationId) } },
        remove: { fields: { userId: P.ids(w.users.member.id, w.users.lead.id) } },
        leave: {},
        handover: { fields: { userId: P.ids(w.users.member.id) } },
        withdraw: { fields: { entryId: P.ids(w.entryA, w.entryB) } },
      },
    },
    {
      route: "contests.$slug_.register",
      group: "accounts",
      as: "lead",
      params: { slug: w.slug },
      fields: {
        teamId: P.ids(w.teamC, w.teamA),
        trackId: P.ids(w.trackId, w.otherTrackId),
        acceptTerms: P.one("on"),
        acceptDeclaration: P.one("on"),
        q_pitch_line: P.text(100),
        q_employees: P.int(0, 1000),
      },
      texts: ["q_pitch_line"],
    },
    {
      route: "entries.$entryId.rounds.$roundId",
      group: "accounts",
      as: "lead",
      params: { entryId: String(w.entryA), roundId: String(w.round1) },
      body: "multipart",
      intents: handIn,
    },
    {
      route: "entries.$entryId.rounds.$roundId_.upload",
      group: "accounts",
      as: "lead",
      params: { entryId: String(w.entryA), roundId: String(w.round1) },
      body: "multipart",
      fields: handIn[""]!.fields,
      files: ["file"],
    },
    {
      route: "entries.$entryId.texts",
      group: "accounts",
      as: "lead",
      params: { entryId: String(w.entryA) },
      body: "either",
      intents: {
        save_texts: {
          fields: {
            // The whole-entry texts (answers and materials are in tests/integration/entry-texts.test.ts).
            field: P.one("pitch", "description"),
            ref: P.one(""),
            // The fingerprint of no stored versions (a fresh page), or a stale one.
            basis: P.one("e3b0c44298fc1c149afbf4c8996fb924", "e3b0c44298fc1c149afbf4c8996fb924", "stale"),
            "original.language": P.one("en", "th", "zh", "en", ""),
            "original.text": P.text(150),
            "translations.0.language": P.one("th", "vi", "id", "xx"),
            "translations.0.text": P.text(150),
            "translations.0.remove": P.box(),
            "translations.1.language": P.one("", "ms"),
            "translations.1.text": P.text(40),
          },
          texts: ["original.text", "translations.0.text"],
        },
      },
      // An answer's or material's original is not written here, and a removed version is not kept.
      stores: (_outcome, form) =>
        (form.get("field") === "pitch" || form.get("field") === "description") && form.get("translations.0.remove") !== "on",
      // Back to no stored versions, so the fresh-page fingerprint fits the next run.
      after: async (db) => {
        await db.deleteFrom("entry_texts").execute();
      },
    },

    // ---- A contest's configuration -------------------------------------------------------------
    {
      route: "contests.new",
      group: "contest",
      as: "admin",
      params: {},
      fields: { ...localized("name", 80), slug: P.one("new-contest", "asean-2027", "x"), timeZone },
      texts: ["name.en"],
    },
    {
      route: "manage.$contestId._index",
      group: "contest",
      as: "organiser",
      params: contest,
      fields: { to: P.one("draft", "registration_open", "running", "finished", "archived") },
    },
    {
      route: "manage.$contestId.settings",
      group: "contest",
      as: "organiser",
      params: contest,
      fields: {
        ...localized("name", 80),
        "description.en": P.text(300),
        "terms.en": P.text(300),
        "declaration.en": P.text(100),
        "prizes.en": P.text(100),
        "faq.en": P.text(100),
        contactEmail: P.email(),
        timeZone,
        eligibleCountries: country,
        teamMin: P.int(1, 5),
        teamMax: P.int(1, 50),
        registrationOpensAt: P.dateTime(),
        registrationClosesAt: P.dateTime(),
        "tieBreakers[0]": P.one("reviews", "criterion:pitch", ""),
        "tieBreakers[1]": P.one("criterion:market", ""),
        version: versions,
      },
      texts: ["name.en", "description.en", "terms.en", "contactEmail"],
    },
    {
      route: "contests.$slug_.vote",
      group: "contest",
      as: "plain",
      params: { slug: w.slug },
      fields: {
        trackId: P.ids(w.trackId, w.otherTrackId),
        entryId: P.ids(w.entryA, w.entryB, w.entryW),
      },
    },
    {
      route: "manage.$contestId.heats",
      group: "contest",
      as: "organiser",
      params: contest,
      intents: {
        create: {
          fields: { ...localized("name", 80), slug: P.one("vn-heat", "heat-2", "x"), timeZone, country },
          texts: ["name.en"],
        },
        organiser: { fields: { heatId: P.ids(w.contestId), email: P.one(w.users.plain.email, "nobody@example.org") } },
        revokeOrganiserInvitation: { fields: { invitationId: P.ids(w.heatInvitationId) } },
        quota: { fields: { places: P.int(0, 10) } },
        rule: { fields: { heatId: P.ids(w.contestId), trackId: P.ids(w.trackId, w.otherTrackId), places: P.int(0, 10) } },
        tie: {
          fields: { entryId: P.ids(w.entryA, w.entryB), action: P.one("include", "exclude"), reason: P.text(200) },
          texts: ["reason"],
        },
        wildCard: { fields: { entryId: P.ids(w.entryA, w.entryB), reason: P.text(200) }, texts: ["reason"] },
        removeWildCard: { fields: { wildCardId: P.ids(1, 2) } },
        send: {},
      },
    },
    {
      // A final with a heat: heat organisers added (an account) or invited (any other address), invitations withdrawn.
      route: "manage.$contestId.heats",
      group: "contest",
      as: "organiser",
      params: { contestId: String(w.finalId) },
      intents: {
        organiser: {
          fields: {
            heatId: P.ids(w.heatId),
            email: P.one(w.users.plain.email, "nobody@example.org", "Heat.Person@example.net"),
            name: P.text(60),
            language: P.one("en", "th", "zh-TW", ""),
          },
        },
        revokeOrganiserInvitation: { fields: { invitationId: P.ids(w.heatInvitationId) } },
      },
    },
    {
      route: "manage.$contestId.votes",
      group: "contest",
      as: "organiser",
      params: contest,
      intents: {
        settings: {
          fields: { enabled: P.box(), opensAt: P.dateTime(), closesAt: P.dateTime() },
        },
        void: { fields: { ip: P.one("127.0.0.1", "203.0.113.7", ""), reason: P.text(200) }, texts: ["reason"] },
        // The world holds no votes, so a plausible id (the first rows' ids) is refused with nothing_to_void.
        voidChosen: { fields: { voteId: P.ids(1, 2, 3), reason: P.text(200) }, texts: ["reason"] },
        publish: {},
      },
    },
    {
      route: "manage.$contestId.tracks",
      group: "contest",
      as: "organiser",
      params: contest,
      intents: {
        add: {
          fields: { ...localized("name", 80), "description.en": P.text(200), womenLedOnly: P.box() },
          texts: ["name.en", "description.en"],
        },
        update: {
          fields: {
            trackId: P.ids(w.trackId, w.otherTrackId),
            ...localized("name", 80),
            "description.en": P.text(200),
            womenLedOnly: P.box(),
          },
          texts: ["name.en", "description.en"],
        },
        delete: { fields: { trackId: P.ids(w.trackId, w.otherTrackId) } },
      },
    },
    {
      route: "manage.$contestId.questions",
      group: "contest",
      as: "organiser",
      params: contest,
      intents: {
        add: { fields: questionFields, texts: ["label.en"] },
        update: { fields: { questionId: P.ids(...w.questionIds), ...questionFields }, texts: ["label.en"] },
        "move-up": { fields: { questionId: P.ids(...w.questionIds) } },
        "move-down": { fields: { questionId: P.ids(...w.questionIds) } },
        delete: { fields: { questionId: P.ids(...w.questionIds) } },
      },
    },
    {
      route: "manage.$contestId.rounds._index",
      group: "contest",
      as: "organiser",
      params: contest,
      fields: roundFields,
      texts: ["name.en"],
    },
    {
      route: "manage.$contestId.rounds.$roundId",
      group: "contest",
      as: "organiser",
      params: round(w.round1),
      intents: {
        "update-round": {
          fields: {
            ...roundFields,
            version: versions,
            aggregationMethod: P.one("mean", "trimmed_mean", "median"),
            pitchFormat: P.one("8+7", "5 + 5", ""),
            judgingMode: P.one("rubric", "pairwise"),
          },
          texts: ["name.en"],
        },
        "add-material": {
          fields: {
            kind: P.one("pitch_deck", "business_plan", "video_link", "text_answer"),
            ...localized("label", 80),
            "help.en": P.text(200),
            required: P.box(),
            maxSizeMb: P.int(1, 200),
            maxPages: P.int(1, 500),
            maxChars: P.int(1, 20_000),
          },
          texts: ["label.en", "help.en"],
        },
        "delete-material": { fields: { materialId: P.ids(w.materials.deck, w.materials.text, w.materials.video) } },
        "use-template": { fields: { template: P.one("general_startup", "china_national") } },
        "edit-rubric": { fields: rubricFields(), texts: ["criteria[0].name.en"] },
      },
    },
    {
      route: "manage.$contestId.registrations.$entryId",
      group: "contest",
      as: "organiser",
      params: { ...contest, entryId: String(w.entryW) },
      intents: { restore: {} },
    },
    {
      route: "manage.$contestId.judges",
      group: "contest",
      as: "organiser",
      params: contest,
      body: "either",
      intents: {
        invite: {
          fields: {
            email: P.email(),
            name: P.text(60),
            organisation: P.text(60),
            country,
            trackIds: P.ids(w.trackId, w.otherTrackId),
            languages: P.one("en", "zh", "vi"),
          },
          texts: ["name", "organisation"],
        },
        revoke: { fields: { invitationId: P.ids(w.judgeInvitationId) } },
        withdraw: { fields: { judgeId: P.ids(w.judge2, w.users.judge.id) } },
        csv: { fields: { csv: csvFile }, files: ["csv"] },
      },
    },

    // ---- Judging, results, awards and the live final -------------------------------------------
    {
      route: "judging.$contestId._index",
      group: "judging",
      as: "newJudge",
      params: contest,
      intents: {
        sign: { fields: { version: P.one("1", "2"), accept: P.one("on") } },
        conflicts: { fields: { entryIds: P.ids(w.entryA, w.entryB) } },
      },
    },
    {
      route: "reviews.$assignmentId",
      group: "judging",
      as: "judge",
      params: { assignmentId: String(w.reviewAssignment) },
      intents: Object.fromEntries(
        ["save", "autosave", "confirm", "submit"].map((intent) => [
          intent,
          {
            fields: {
              version: P.one("0", "1", "2", "3"),
              [`score-${w.criteria[0]}`]: P.int(0, 10),
              [`score-${w.criteria[1]}`]: fc.oneof(P.int(0, 10), P.one("7.5", "")),
              [`comment-${w.criteria[0]}`]: P.text(200),
              feedback: P.text(300),
              note: P.text(200),
              confidence: P.one("low", "medium", "high", ""),
            },
            texts: intent === "confirm" ? [] : ["feedback", "note", `comment-${w.criteria[0]}`],
          },
        ]),
      ),
    },
    {
      route: "judging.$contestId.pairwise.$roundId",
      group: "judging",
      as: "judge",
      params: round(w.round2),
      fields: {
        first: P.ids(w.entryA, w.entryB),
        second: P.ids(w.entryB, w.entryA),
        answer: P.one("first", "second", "cannot_tell"),
      },
    },
    {
      route: "manage.$contestId.reviews.$assignmentId.reopen",
      group: "judging",
      as: "organiser",
      params: { ...contest, assignmentId: String(w.submittedAssignment) },
      fields: {
        reason: P.text(200),
        redirectTo: P.one(`/manage/${w.contestId}/rounds/${w.round2}/assignments`, "//evil.example"),
      },
      texts: ["reason"],
      // The reason lives in the audit log only.
      storedIn: ["audit_events"],
    },
    {
      route: "manage.$contestId.rounds.$roundId_.assignments",
      group: "judging",
      as: "organiser",
      params: round(w.round2),
      intents: {
        assign: { fields: { mode: P.one("fill", "redo"), seed: P.int(0, 1000) } },
        add: { fields: { entryId: P.ids(w.entryA, w.entryB), judgeId: P.ids(w.users.judge.id, w.judge2) } },
        remove: { fields: { assignmentId: P.ids(w.reviewAssignment, w.submittedAssignment) } },
        replace: { fields: { assignmentId: P.ids(w.reviewAssignment), judgeId: P.ids(w.judge2, w.users.judge.id) } },
        remind: { fields: { judgeId: P.ids(w.users.judge.id) } },
        calibration: { fields: { trackId: P.ids(w.trackId, w.otherTrackId), entryId: P.ids(w.entryA, w.entryB) } },
      },
    },
    {
      route: "manage.$contestId.rounds.$roundId_.results",
      group: "judging",
      as: "organiser",
      params: round(w.round2),
      intents: {
        decide: { fields: { method: P.one("mean", "trimmed_mean", "median", "standardised", "calibrated") } },
        askJudge: { fields: { entryId: P.ids(w.entryA, w.entryB), judgeId: P.ids(w.users.judge.id, w.judge2) } },
      },
    },
    {
      route: "manage.$contestId.rounds.$roundId_.advancement",
      group: "judging",
      as: "organiser",
      params: round(w.round2),
      intents: {
        change: {
          fields: { entryId: P.ids(w.entryA, w.entryB), action: P.one("add", "remove", "clear"), reason: P.text(200) },
          texts: ["reason"],
        },
        confirm: {},
      },
      // Clearing an entry's change takes no reason, and keeps none.
      stores: (_outcome, form) => form.get("action") !== "clear",
    },
    {
      route: "manage.$contestId.rounds.$roundId_.awards",
      group: "judging",
      as: "organiser",
      params: round(w.round2),
      intents: {
        create: { fields: { ...localized("name", 80), "description.en": P.text(300) }, texts: ["name.en", "description.en"] },
        update: {
          fields: { awardId: P.ids(w.awardId), ...localized("name", 80), "description.en": P.text(300) },
          texts: ["name.en"],
        },
        grant: {
          fields: { awardId: P.ids(w.awardId), entryId: P.ids(w.entryA, w.entryB), citation: P.text(200) },
          texts: ["citation"],
        },
        "move-up": { fields: { awardId: P.ids(w.awardId) } },
        "move-down": { fields: { awardId: P.ids(w.awardId) } },
        delete: { fields: { awardId: P.ids(w.awardId) } },
        revoke: { fields: { awardId: P.ids(w.awardId), grantId: P.ids(w.grantId) } },
      },
    },
    {
      route: "manage.$contestId.rounds.$roundId_.publish",
      group: "judging",
      as: "organiser",
      params: round(w.round2),
      fields: { reason: P.text(200) },
      texts: ["reason"],
      // The first publication needs no reason and keeps none; a correction keeps its reason.
      stores: (outcome) => outcome.toast?.key === "publication.correctedToast",
    },
    {
      route: "manage.$contestId.rounds.$roundId_.roadshow",
      group: "judging",
      as: "organiser",
      params: round(w.round3),
      fields: {
        entry: P.ids(w.entryA, w.entryB),
        judge: P.ids(w.users.judge.id, w.judge2),
        [`position.${w.entryA}`]: P.int(1, 3),
        [`position.${w.entryB}`]: P.int(1, 3),
      },
    },
    {
      route: "manage.$contestId.roadshow.$sessionId",
      group: "judging",
      as: "organiser",
      params: { ...contest, sessionId: String(w.sessionId) },
      fields: { step: P.one("start", "pitch", "qa", "scoring", "close", "next", "finish") },
    },
    ...(["application/json", undefined] as const).map((accept): ActionCase => ({
      route: "roadshow.$sessionId_.score",
      group: "judging",
      as: "judge",
      params: { sessionId: String(w.sessionId) },
      accept,
      fields: {
        assignmentId: P.ids(w.roadshowAssignment),
        version: P.one("0", "1"),
        submitKey: P.one("key-0001-abcdef", "key-0002-abcdef"),
        [`score.${w.roadshowCriteria[0]}`]: P.int(0, 10),
        [`score.${w.roadshowCriteria[1]}`]: P.int(0, 10),
      },
    })),

    // ---- Incubation ----------------------------------------------------------------------------
    {
      route: "manage.$contestId.cohorts._index",
      group: "incubation",
      as: "organiser",
      params: contest,
      fields: {
        ...localized("name", 80),
        startsOn: P.date(),
        endsOn: P.date(),
        cadence: P.one("monthly", "quarterly"),
        reportingCurrency: currency,
        dueDays: P.int(1, 60),
        "milestones[0].key": P.one("mvp", ""),
        "milestones[0].name.en": P.text(80),
        entryIds: P.ids(w.entryA, w.entryB),
      },
      texts: ["name.en", "milestones[0].name.en"],
    },
    {
      route: "manage.$contestId.cohorts.$cohortId._index",
      group: "incubation",
      as: "organiser",
      params: cohort,
      intents: {
        update: {
          fields: {
            version: versions,
            ...localized("name", 80),
            startsOn: P.date(),
            endsOn: P.date(),
            cadence: P.one("monthly", "quarterly"),
            reportingCurrency: currency,
            dueDays: P.int(1, 60),
          },
          texts: ["name.en"],
        },
        "add-teams": { fields: { entryIds: P.ids(w.entryA, w.entryB) } },
        "remove-team": { fields: { cohortTeamId: P.ids(w.ctA, w.ctB) } },
        invite: {
          fields: { email: P.email(), name: P.text(60), organisation: P.text(60), cohortTeamIds: P.ids(w.ctA, w.ctB) },
          texts: ["name", "organisation"],
        },
        revoke: { fields: { invitationId: P.ids(w.mentorInvitationId) } },
        resend: { fields: { invitationId: P.ids(w.mentorInvitationId) } },
        assign: { fields: { cohortTeamId: P.ids(w.ctA, w.ctB), mentorId: P.ids(w.users.mentor.id) } },
        unassign: { fields: { assignmentId: P.ids(1, 2) } },
      },
    },
    {
      route: "manage.$contestId.cohorts.$cohortId_.rates",
      group: "incubation",
      as: "organiser",
      params: cohort,
      intents: {
        rates: {
          fields: {
            period: P.one(w.period, "2026-Q1"),
            "rates[0].currency": currency,
            "rates[0].rate": P.one("1.35", "0.000041", "1"),
            newCurrency: currency,
            newRate: P.one("25000", "0.5"),
          },
        },
        remind: {},
      },
    },
    {
      route: "manage.$contestId.cohorts_.$cohortId_.support",
      group: "incubation",
      as: "organiser",
      params: cohort,
      intents: supportStaff(["route-mentor", "route-partner", "close", "note", "in-progress", "reopen"]),
    },
    {
      route: "mentoring_.support",
      group: "incubation",
      as: "mentor",
      params: {},
      intents: supportStaff(["close", "note", "in-progress"]),
    },
    {
      route: "incubation.$cohortTeamId._index",
      group: "incubation",
      as: "lead",
      params: { cohortTeamId: String(w.ctA) },
      intents: {
        "update-milestone": {
          fields: {
            milestoneId: P.ids(...w.milestones),
            dueOn: P.date(),
            status: P.one("planned", "in_progress", "done", "dropped"),
            doneOn: P.date(),
          },
        },
        "add-milestone": { fields: { title: P.text(120), dueOn: P.date() }, texts: ["title"] },
      },
    },
    {
      route: "incubation.$cohortTeamId_.support",
      group: "incubation",
      as: "lead",
      params: { cohortTeamId: String(w.ctA) },
      intents: {
        create: {
          fields: {
            kind: P.one("investor_intro", "legal_ip", "tech_transfer", "market_entry", "other"),
            country,
            details: fc.oneof(P.text(300), P.one("We need an introduction to a distributor in Vietnam, please.")),
          },
          texts: ["details"],
        },
      },
    },
    {
      route: "incubation.$cohortTeamId_.checkins.$period",
      group: "incubation",
      as: "lead",
      params: { cohortTeamId: String(w.ctA), period: w.period },
      body: "either",
      intents: {
        save: { fields: checkinFields(w), texts: ["wentWell", "blockers"] },
        submit: { fields: checkinFields(w), texts: ["wentWell", "blockers"] },
        "remove-attachment": { fields: { attachmentId: P.ids(1, 2) } },
        upload: { fields: { file: pdfFile }, files: ["file"] },
      },
    },
    {
      route: "incubation.$cohortTeamId_.checkins.$period",
      group: "incubation",
      as: "mentor",
      params: { cohortTeamId: String(w.ctA), period: w.period },
      body: "form",
      intents: {
        review: {
          fields: { mentorStatus: P.one("on_track", "needs_attention", "at_risk"), mentorNote: P.text(300) },
          texts: ["mentorNote"],
        },
      },
    },
  ];
}
