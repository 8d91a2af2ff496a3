// The synthetic national contest for `npm run bench`: at scale 1, 100,000 teams in 8 tracks with
// 300,000 members, 1,000 judges and one round with 5 reviews per entry (500,000 reviews, each
// with a score and often a comment per criterion). The schema comes from the real migrations and
// the contest's own rows from the app's helpers; the bulk rows are written with prepared
// statements in large transactions, because one Kysely insert per row would take an hour.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { insertDefaultTracks } from "#app/data/contests.server";
import { insertRubric } from "#app/data/rubrics.server";
import { normaliseTeamName } from "#app/domain/registration";
import { RUBRIC_TEMPLATES } from "#app/domain/rubric-templates";
import { randomToken, sha256, sha256Hex } from "#app/infra/crypto.server";
import { migrateToLatest, openDatabase } from "#app/infra/db.server";
import { hashPassword } from "#app/infra/password.server";
import { serializeSessionCookie } from "#app/infra/session.server";
import { makeRandom, paragraph, personName, teamName, textPool, type Random } from "./text";

export const TEAMS_AT_FULL_SCALE = 100_000;
export const JUDGES_AT_FULL_SCALE = 1_000;
export const MEMBERS_PER_TEAM = 3;
export const REVIEWS_PER_ENTRY = 5;
/** Teams in the deadline rush at full scale. */
export const RUSH_TEAMS_AT_FULL_SCALE = 5_000;
/** The share of reviews still in draft: the ones judges keep saving during the run. */
const DRAFT_SHARE = 0.1;

const COUNTRIES: ReadonlyArray<{ code: string; timeZone: string; language: string; weight: number }> = [
  { code: "CN", timeZone: "Asia/Shanghai", language: "zh-CN", weight: 30 },
  { code: "ID", timeZone: "Asia/Jakarta", language: "id", weight: 14 },
  { code: "VN", timeZone: "Asia/Ho_Chi_Minh", language: "vi", weight: 12 },
  { code: "TH", timeZone: "Asia/Bangkok", language: "th", weight: 10 },
  { code: "MY", timeZone: "Asia/Kuala_Lumpur", language: "ms", weight: 9 },
  { code: "PH", timeZone: "Asia/Manila", language: "en", weight: 9 },
  { code: "SG", timeZone: "Asia/Singapore", language: "en", weight: 6 },
  { code: "KH", timeZone: "Asia/Phnom_Penh", language: "en", weight: 4 },
  { code: "MM", timeZone: "Asia/Yangon", language: "en", weight: 3 },
  { code: "LA", timeZone: "Asia/Vientiane", language: "en", weight: 2 },
  { code: "BN", timeZone: "Asia/Brunei", language: "ms", weight: 1 },
];
const STAGES = ["idea", "prototype", "early_revenue", "growth"] as const;
const MATERIAL_LANGUAGES = ["en", "zh", "id", "vi", "th", "ms"];

export interface BenchSession {
  userId: number;
  cookie: string;
}

/** What the load scenarios need to know about the generated data. */
export interface Manifest {
  scale: number;
  file: string;
  uploadsDir: string;
  generatedAt: string;
  contestId: number;
  roundId: number;
  deckRequirementId: number;
  criteria: Array<{ id: number; min: number; max: number }>;
  trackIds: number[];
  countries: string[];
  counts: Record<string, number>;
  organiser: BenchSession;
  judges: BenchSession[];
  /** Assignments to open the scoring page of, by index into `judges`. */
  scoring: Array<{ assignmentId: number; judge: number }>;
  /** Draft reviews to save, with the version each has now. */
  drafts: Array<{ assignmentId: number; judge: number; version: number }>;
  /** Team leads signed in: their team and entry (the first ones also run the deadline rush). */
  leads: Array<BenchSession & { teamId: number; entryId: number }>;
  rushTeams: number;
  seconds: number;
}

function weightedCountry(random: Random) {
  const total = COUNTRIES.reduce((s, c) => s + c.weight, 0);
  let roll = random.next() * total;
  for (const c of COUNTRIES) {
    roll -= c.weight;
    if (roll < 0) return c;
  }
  return COUNTRIES[0]!;
}

/** Two multipliers coprime with `n`, so (a·entry + b·slot) mod n spreads entries evenly over judges. */
function coprimeTo(n: number, from: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  let k = from;
  while (gcd(k, n) !== 1) k++;
  return k;
}

/** Entry codes look like the app's (T- and digits), distinct, and not in id order. */
function entryCode(i: number): string {
  return `T-${String((i * 7919 + 13) % 1_000_000).padStart(6, "0")}`;
}

async function sessionFor(sqlite: SQLite.Database, userId: number, at: string): Promise<BenchSession> {
  const id = randomToken();
  const secret = randomToken();
  sqlite
    .prepare(
      "insert into sessions (id, user_id, secret_hash, created_at, last_verified_at, user_agent, ip) values (?, ?, ?, ?, ?, ?, ?)",
    )
    .run(id, userId, sha256(secret), at, at, "trellis-bench", "127.0.0.1");
  const cookie = (await serializeSessionCookie(`${id}.${secret}`, new Date(at))).split(";")[0]!;
  return { userId, cookie };
}

export async function generate(options: { dir: string; scale: number; seed?: number; log?: (line: string) => void }) {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const scale = options.scale;
  const random = makeRandom(options.seed ?? 20261124);
  const teamCount = Math.max(20, Math.round(TEAMS_AT_FULL_SCALE * scale));
  const judgeCount = Math.max(REVIEWS_PER_ENTRY, Math.round(JUDGES_AT_FULL_SCALE * scale));
  const rushTeams = Math.max(5, Math.min(teamCount, Math.round(RUSH_TEAMS_AT_FULL_SCALE * scale)));

  fs.mkdirSync(options.dir, { recursive: true });
  const file = path.join(options.dir, "bench.db");
  const uploadsDir = path.join(options.dir, "uploads");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.rmSync(uploadsDir, { recursive: true, force: true });

  // The schema, exactly as the app migrates it, then the contest's own rows through the app's helpers.
  const now = new Date();
  const at = now.toISOString();
  const day = 86_400_000;
  const iso = (days: number) => new Date(now.getTime() + days * day).toISOString();
  const kysely = openDatabase(file);
  await migrateToLatest(kysely);
  const contest = await kysely
    .insertInto("contests")
    .values({
      slug: "bench-national-2026",
      name: "Bench National Innovation Contest",
      name_i18n: JSON.stringify({ en: "Bench National Innovation Contest", "zh-CN": "基准全国创新创业大赛" }),
      time_zone: "Asia/Shanghai",
      state: "running",
      created_at: iso(-90),
      updated_at: iso(-90),
      registration_opens_at: iso(-90),
      registration_closes_at: iso(-30),
      team_min: 1,
      team_max: 5,
      eligible_countries: JSON.stringify(COUNTRIES.map((c) => c.code)),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const contestId = contest.id;
  await insertDefaultTracks(kysely, contestId, at);
  const template = RUBRIC_TEMPLATES.general_startup;
  const rubricId = await insertRubric(kysely, {
    contestId,
    name: template.name,
    template: "general_startup",
    copiedFrom: null,
    version: 1,
    definition: template.rubric,
    at,
  });
  const round = await kysely
    .insertInto("rounds")
    .values({
      contest_id: contestId,
      position: 1,
      name_i18n: JSON.stringify({ en: "Online review", "zh-CN": "网络评审" }),
      // Hand-in still open (the deadline rush runs before it closes) while judges already score.
      submission_opens_at: iso(-30),
      submission_closes_at: iso(1),
      review_opens_at: iso(-7),
      review_closes_at: iso(14),
      blind_review: 0,
      judges_per_entry: REVIEWS_PER_ENTRY,
      rubric_id: rubricId,
      created_at: iso(-60),
      updated_at: iso(-60),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const roundId = round.id;
  const requirement = (
    position: number,
    kind: "pitch_deck" | "business_plan" | "video_link" | "text_answer",
    label: string,
    extra: object,
  ) =>
    kysely
      .insertInto("material_requirements")
      .values({
        round_id: roundId,
        position,
        kind,
        label_i18n: JSON.stringify({ en: label }),
        help_i18n: null,
        required: kind === "pitch_deck" || kind === "text_answer" ? 1 : 0,
        max_size_mb: null,
        max_pages: null,
        max_chars: null,
        ...extra,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  const deck = await requirement(1, "pitch_deck", "Pitch deck", { max_size_mb: 20, max_pages: 20 });
  await requirement(2, "business_plan", "Business plan", { max_size_mb: 20, max_pages: 40 });
  const answer = await requirement(3, "text_answer", "The problem you solve", { max_chars: 2000 });
  const video = await requirement(4, "video_link", "Pitch video", {});
  const tracks = await kysely.selectFrom("tracks").select("id").where("contest_id", "=", contestId).orderBy("position").execute();
  const criteria = await kysely
    .selectFrom("criteria")
    .select(["id", "scale_min", "scale_max"])
    .where("rubric_id", "=", rubricId)
    .orderBy("position")
    .execute();
  await kysely.destroy();

  // The bulk: one connection without a journal (a fresh file; a crash means generating again).
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -262144");
  sqlite.pragma("temp_store = MEMORY");
  const bulk = (what: string, rows: number, body: () => void) => {
    const t0 = performance.now();
    sqlite.transaction(body)();
    log(`  ${what}: ${rows.toLocaleString("en")} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };

  // Nobody signs in with a password here (sessions are made below), but every row holds a real hash.
  const passwordHash = await hashPassword(randomToken(32));
  const insertUser = sqlite.prepare(
    `insert into users (id, email, name, password_hash, email_verified_at, preferred_language, country, time_zone,
       is_admin, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1)`,
  );
  const organiserId = 1;
  const firstJudgeId = 2;
  const firstFounderId = firstJudgeId + judgeCount;
  const userCount = 1 + judgeCount + teamCount * MEMBERS_PER_TEAM;
  bulk("users", userCount, () => {
    insertUser.run(
      organiserId,
      "organiser@bench.trellis.test",
      "Chen Jing",
      passwordHash,
      at,
      "en",
      "CN",
      "Asia/Shanghai",
      at,
      at,
    );
    for (let j = 0; j < judgeCount; j++) {
      const c = weightedCountry(random);
      insertUser.run(
        firstJudgeId + j,
        `judge${j + 1}@bench.trellis.test`,
        personName(random),
        passwordHash,
        at,
        c.language,
        c.code,
        c.timeZone,
        at,
        at,
      );
    }
    for (let u = 0; u < teamCount * MEMBERS_PER_TEAM; u++) {
      const c = weightedCountry(random);
      insertUser.run(
        firstFounderId + u,
        `founder${u + 1}@bench.trellis.test`,
        personName(random),
        passwordHash,
        at,
        c.language,
        c.code,
        c.timeZone,
        at,
        at,
      );
    }
  });

  const insertRole = sqlite.prepare("insert into contest_roles (contest_id, user_id, role, created_at) values (?, ?, ?, ?)");
  const insertProfile = sqlite.prepare(
    `insert into judge_profiles (contest_id, user_id, organisation, country, track_ids_json, languages_json, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
  );
  const insertAcceptance = sqlite.prepare(
    `insert into agreement_acceptances (contest_id, user_id, agreement_version, text_sha256, language, accepted_at, ip)
     values (?, ?, 1, ?, 'en', ?, '127.0.0.1')`,
  );
  const agreementHash = sha256Hex("bench agreement");
  const allTracks = JSON.stringify(tracks.map((t) => t.id));
  bulk("judges (roles, profiles, agreements)", judgeCount, () => {
    insertRole.run(contestId, organiserId, "organiser", at);
    for (let j = 0; j < judgeCount; j++) {
      const userId = firstJudgeId + j;
      insertRole.run(contestId, userId, "judge", at);
      const languages = JSON.stringify(["en", random.pick(MATERIAL_LANGUAGES)].filter((v, i, a) => a.indexOf(v) === i));
      insertProfile.run(
        contestId,
        userId,
        `Judge Organisation ${j % 97}`,
        weightedCountry(random).code,
        allTracks,
        languages,
        iso(-20),
        iso(-20),
      );
      insertAcceptance.run(contestId, userId, agreementHash, iso(-10));
    }
  });

  const insertTeam = sqlite.prepare(
    `insert into teams (id, name, country, created_at, updated_at, city, organisation, stage, founding_year, website, pitch,
       founders_women, founders_men, founders_other, women_led, version, name_key)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
  );
  const insertMember = sqlite.prepare("insert into team_members (team_id, user_id, role, joined_at) values (?, ?, ?, ?)");
  const insertEntry = sqlite.prepare(
    `insert into entries (id, contest_id, team_id, track_id, code, status, answers_json, terms_version, terms_accepted_at,
       registered_by, registered_at, withdrawn_at, updated_at, version, materials_language)
     values (?, ?, ?, ?, ?, 'registered', '{}', 1, ?, ?, ?, null, ?, 1, ?)`,
  );
  const pitches = textPool(random, 500, 80, 400);
  bulk("teams, members, entries", teamCount, () => {
    for (let i = 0; i < teamCount; i++) {
      const teamId = i + 1;
      const c = weightedCountry(random);
      const name = teamName(random, teamId);
      const women = random.int(0, 2);
      const men = MEMBERS_PER_TEAM - women;
      const registered = iso(-90 + (60 * i) / teamCount);
      insertTeam.run(
        teamId,
        name,
        c.code,
        registered,
        registered,
        `City ${i % 211}`,
        random.next() < 0.6 ? `University ${i % 499}` : null,
        random.pick(STAGES),
        random.next() < 0.7 ? random.int(2018, 2026) : null,
        null,
        random.pick(pitches),
        women,
        men,
        0,
        women >= 2 ? 1 : 0,
        normaliseTeamName(name),
      );
      const lead = firstFounderId + i * MEMBERS_PER_TEAM;
      insertMember.run(teamId, lead, "lead", registered);
      for (let m = 1; m < MEMBERS_PER_TEAM; m++) insertMember.run(teamId, lead + m, "member", registered);
      insertEntry.run(
        teamId,
        contestId,
        teamId,
        tracks[i % tracks.length]!.id,
        entryCode(i),
        registered,
        lead,
        registered,
        registered,
        random.pick(MATERIAL_LANGUAGES),
      );
    }
  });

  const insertSubmission = sqlite.prepare(
    `insert into submissions (entry_id, round_id, requirement_id, version, kind, storage_key, sha256, size_bytes, file_name,
       content_type, pages, text_value, url_value, uploaded_by, created_at)
     values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const answers = textPool(random, 500, 300, 1800);
  bulk("submissions", teamCount * 3, () => {
    for (let i = 0; i < teamCount; i++) {
      const entryId = i + 1;
      const lead = firstFounderId + i * MEMBERS_PER_TEAM;
      const when = iso(-20 + (10 * i) / teamCount);
      // The file rows stand for decks handed in earlier; the scoring page lists them, nobody downloads them here.
      const key = sha256Hex(`deck ${entryId}`);
      insertSubmission.run(
        entryId,
        roundId,
        deck.id,
        "file",
        key,
        key,
        random.int(200_000, 8_000_000),
        `deck-${entryId}.pdf`,
        "application/pdf",
        random.int(8, 20),
        null,
        null,
        lead,
        when,
      );
      insertSubmission.run(
        entryId,
        roundId,
        answer.id,
        "text",
        null,
        null,
        null,
        null,
        null,
        null,
        random.pick(answers),
        null,
        lead,
        when,
      );
      if (i % 2 === 0)
        insertSubmission.run(
          entryId,
          roundId,
          video.id,
          "link",
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          `https://www.youtube.com/watch?v=bench${entryId}`,
          lead,
          when,
        );
    }
  });

  // Assignments: entry i's k-th judge is (a·i + b·k) mod J, which loads every judge evenly (about
  // 500 reviews each at any scale) and connects all judges through shared entries, as calibration needs.
  const a = coprimeTo(judgeCount, 7);
  const b = coprimeTo(judgeCount, 31);
  const insertAssignment = sqlite.prepare(
    "insert into assignments (id, round_id, entry_id, judge_id, source, assigned_by, created_at) values (?, ?, ?, ?, 'auto', ?, ?)",
  );
  const insertReview = sqlite.prepare(
    `insert into reviews (id, assignment_id, status, feedback, note, confidence, version, created_at, updated_at, submitted_at, submit_key)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)`,
  );
  const insertScore = sqlite.prepare(
    "insert into criterion_scores (review_id, criterion_id, value, comment) values (?, ?, ?, ?)",
  );
  const insertAudit = sqlite.prepare(
    `insert into audit_events (actor_user_id, action, subject_type, subject_id, contest_id, before_json, after_json, ip, created_at)
     values (?, 'review.submitted', 'assignment', ?, ?, null, ?, '127.0.0.1', ?)`,
  );
  const feedbacks = textPool(random, 2000, 200, 1500);
  const notes = textPool(random, 500, 30, 300);
  const comments = textPool(random, 4000, 40, 400);
  const quality = Array.from({ length: teamCount }, () => 6 + 1.5 * random.normal());
  const leniency = Array.from({ length: judgeCount }, () => 0.8 * random.normal());
  const drafts: Manifest["drafts"] = [];
  const scoring: Manifest["scoring"] = [];
  const reviewCount = teamCount * REVIEWS_PER_ENTRY;
  const chunk = 50_000;
  for (let from = 0; from < teamCount; from += chunk / REVIEWS_PER_ENTRY) {
    const to = Math.min(teamCount, from + chunk / REVIEWS_PER_ENTRY);
    bulk("assignments, reviews, criterion scores", (to - from) * REVIEWS_PER_ENTRY, () => {
      for (let i = from; i < to; i++) {
        for (let k = 0; k < REVIEWS_PER_ENTRY; k++) {
          const id = i * REVIEWS_PER_ENTRY + k + 1;
          const judge = (a * i + b * k) % judgeCount;
          const judgeId = firstJudgeId + judge;
          const draft = random.next() < DRAFT_SHARE;
          const version = draft ? random.int(1, 3) : random.int(2, 4);
          const updated = iso(-7 + 6 * random.next());
          insertAssignment.run(id, roundId, i + 1, judgeId, organiserId, iso(-8));
          insertReview.run(
            id,
            id,
            draft ? "draft" : "submitted",
            draft && random.next() < 0.5 ? null : random.pick(feedbacks),
            random.next() < 0.4 ? random.pick(notes) : null,
            random.next() < 0.8 ? random.int(1, 5) : null,
            version,
            iso(-7),
            updated,
            draft ? null : updated,
          );
          const values: Record<number, number> = {};
          criteria.forEach((c, n) => {
            // A draft has the first criteria scored and the rest still empty.
            if (draft && n >= 3) return;
            const value = Math.min(
              c.scale_max,
              Math.max(c.scale_min, Math.round(quality[i]! + leniency[judge]! + random.normal())),
            );
            values[c.id] = value;
            insertScore.run(id, c.id, value, random.next() < 0.6 ? random.pick(comments) : null);
          });
          if (!draft) insertAudit.run(judgeId, id, contestId, JSON.stringify({ scores: values, status: "submitted" }), updated);
          if (draft) drafts.push({ assignmentId: id, judge, version });
          if (scoring.length < 20_000 && random.next() < 20_000 / reviewCount) scoring.push({ assignmentId: id, judge });
        }
      }
    });
  }

  // Sessions straight in the table (as the e2e fixtures do): no argon2 for thousands of sign-ins.
  const organiser = await sessionFor(sqlite, organiserId, at);
  const judges: BenchSession[] = [];
  for (let j = 0; j < judgeCount; j++) judges.push(await sessionFor(sqlite, firstJudgeId + j, at));
  const leads: Manifest["leads"] = [];
  for (let i = 0; i < rushTeams; i++) {
    const session = await sessionFor(sqlite, firstFounderId + i * MEMBERS_PER_TEAM, at);
    leads.push({ ...session, teamId: i + 1, entryId: i + 1 });
  }

  const counts: Record<string, number> = {};
  for (const table of [
    "users",
    "teams",
    "team_members",
    "entries",
    "submissions",
    "assignments",
    "reviews",
    "criterion_scores",
    "audit_events",
    "sessions",
  ])
    counts[table] = sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number;
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();

  const seconds = (performance.now() - started) / 1000;
  const manifest: Manifest = {
    scale,
    file,
    uploadsDir,
    generatedAt: at,
    contestId,
    roundId,
    deckRequirementId: deck.id,
    criteria: criteria.map((c) => ({ id: c.id, min: c.scale_min, max: c.scale_max })),
    trackIds: tracks.map((t) => t.id),
    countries: COUNTRIES.map((c) => c.code),
    counts,
    organiser,
    judges,
    scoring,
    drafts,
    leads,
    rushTeams,
    seconds,
  };
  fs.writeFileSync(path.join(options.dir, "manifest.json"), JSON.stringify(manifest));
  return manifest;
}

/** Text answers and comments the load scenarios send: of the same lengths as the generated ones. */
export function draftTexts(random: Random) {
  return { feedback: paragraph(random, 200, 1500), comment: paragraph(random, 40, 400), note: paragraph(random, 30, 300) };
}
