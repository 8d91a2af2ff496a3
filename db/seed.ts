// The demo: users for every role with the logins fixed in shared/CONVENTIONS.md, the China–ASEAN
// contest they belong to, and teams from several countries. Later issues add their demo data here.
// Run as `npm run db:seed`; the server also calls it on start when a development database is empty.
import type { Kysely } from "kysely";
import type { Database, Language } from "./schema";
import { CHINA_AND_ASEAN } from "#app/domain/countries";
import { insertDefaultTracks } from "#app/data/contests.server";
import { insertRubric } from "#app/data/rubrics.server";
import { normaliseTeamName } from "#app/domain/registration";
import { RUBRIC_TEMPLATES, type RubricTemplateId } from "#app/domain/rubric-templates";
import type { FileStorage } from "#app/infra/storage/types";
import { seedDemoEntries } from "./seed-entries";
import { seedDemoHeats } from "./seed-heats";

export const DEMO_PASSWORD = "trellis-demo-2026";
const DOMAIN = "demo.trellis.test";

interface DemoPerson {
  email: string;
  name: string;
  country: string;
  timeZone: string;
  language?: Language;
}

/** Where each demo judge works, which tracks (by position) and which languages they read. */
const judgeProfiles: Array<{ organisation: string; tracks: number[]; languages: string[] }> = [
  { organisation: "Guangxi Innovation Fund", tracks: [1, 2], languages: ["zh", "en"] },
  { organisation: "Nusantara Ventures", tracks: [3, 4], languages: ["id", "ms", "en"] },
  { organisation: "Chao Phraya Angels", tracks: [5, 6], languages: ["th", "en"] },
  { organisation: "Mekong Capital Partners", tracks: [7, 8], languages: ["vi", "en"] },
  { organisation: "Lion City Accelerator", tracks: [1, 3, 5, 7], languages: ["en", "zh", "ms"] },
  { organisation: "Manila Bay Labs", tracks: [2, 4, 6, 8], languages: ["en"] },
];

const judges: DemoPerson[] = [
  { email: `judge1@${DOMAIN}`, name: "Li Wei", country: "CN", timeZone: "Asia/Shanghai" },
  { email: `judge2@${DOMAIN}`, name: "Siti Rahmawati", country: "ID", timeZone: "Asia/Jakarta" },
  { email: `judge3@${DOMAIN}`, name: "Somchai Wongsakul", country: "TH", timeZone: "Asia/Bangkok" },
  { email: `judge4@${DOMAIN}`, name: "Nguyen Thi Lan", country: "VN", timeZone: "Asia/Ho_Chi_Minh" },
  { email: `judge5@${DOMAIN}`, name: "Tan Mei Ling", country: "SG", timeZone: "Asia/Singapore" },
  { email: `judge6@${DOMAIN}`, name: "Maria Santos", country: "PH", timeZone: "Asia/Manila" },
];

const teams = [
  {
    name: "GreenLoop Energy",
    country: "CN",
    city: "Nanning",
    organisation: "Guangxi University",
    stage: "prototype",
    foundingYear: 2025,
    women: 1,
    pitch: "Battery recycling for e-scooter fleets.",
    lead: ["Zhang Min", "Asia/Shanghai"],
    member: ["Wang Fang", "Asia/Shanghai"],
  },
  {
    name: "PadiSense",
    country: "MY",
    city: "Alor Setar",
    organisation: "Universiti Utara Malaysia",
    stage: "early_revenue",
    foundingYear: 2024,
    women: 1,
    pitch: "Soil sensors that tell rice farmers when to irrigate.",
    lead: ["Ahmad Faizal", "Asia/Kuala_Lumpur"],
    member: ["Nurul Izzah", "Asia/Kuala_Lumpur"],
  },
  {
    name: "MediBridge",
    country: "TH",
    city: "Chiang Mai",
    organisation: null,
    stage: "idea",
    foundingYear: null,
    women: 2,
    pitch: "Tele-consultations in Thai, Lao and Burmese for clinics near the borders.",
    lead: ["Kanya Srisuk", "Asia/Bangkok"],
    member: ["Anan Chaiyo", "Asia/Bangkok"],
  },
  {
    name: "OceanTrace",
    country: "ID",
    city: "Makassar",
    organisation: "Universitas Hasanuddin",
    stage: "prototype",
    foundingYear: 2025,
    women: 1,
    pitch: "Traceable catch records for small-boat fishers.",
    lead: ["Budi Santoso", "Asia/Jakarta"],
    member: ["Dewi Lestari", "Asia/Jakarta"],
  },
  {
    name: "Lotus Robotics",
    country: "VN",
    city: "Da Nang",
    organisation: null,
    stage: "growth",
    foundingYear: 2022,
    women: 1,
    pitch: "Low-cost welding robots for small workshops.",
    lead: ["Tran Van Minh", "Asia/Ho_Chi_Minh"],
    member: ["Pham Thu Ha", "Asia/Ho_Chi_Minh"],
  },
  {
    name: "Mekong Harvest",
    country: "KH",
    city: "Battambang",
    organisation: null,
    stage: "early_revenue",
    foundingYear: 2023,
    women: 0,
    pitch: "Cold storage shared by village cooperatives.",
    lead: ["Sokha Chea", "Asia/Phnom_Penh"],
    member: ["Dara Kim", "Asia/Phnom_Penh"],
  },
] as const;

export interface DemoLogin {
  role: string;
  email: string;
}

export function demoLogins(): DemoLogin[] {
  return [
    { role: "platform admin", email: `admin@${DOMAIN}` },
    { role: "organiser", email: `organiser@${DOMAIN}` },
    ...judges.map((j) => ({ role: "judge", email: j.email })),
    ...teams.flatMap((t, i) => [
      { role: `team lead, ${t.name}`, email: `founder${2 * i + 1}@${DOMAIN}` },
      { role: `team member, ${t.name}`, email: `founder${2 * i + 2}@${DOMAIN}` },
    ]),
    { role: "mentor", email: `mentor1@${DOMAIN}` },
  ];
}

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return !row;
}

/** Seeds the demo when there are no users yet. Returns whether it seeded. */
export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<boolean> {
  if (!(await isDatabaseEmpty(db))) return false;
  await seedDemo(db);
  return true;
}

export async function seedDemo(db: Kysely<Database>, now = new Date(), storage?: FileStorage): Promise<void> {
  const { hashPassword } = await import("#app/infra/password.server");
  const { agreementText } = await import("#app/services/judges.server");
  const { sha256Hex } = await import("#app/infra/crypto.server");
  // One hash for every demo login: they share the password, and hashing is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = now.toISOString();

  await db.transaction().execute(async (trx) => {
    const addUser = async (p: DemoPerson, isAdmin = false) => {
      const existing = await trx.selectFrom("users").select("id").where("email", "=", p.email).executeTakeFirst();
      if (existing) return existing.id;
      const row = await trx
        .insertInto("users")
        .values({
          email: p.email,
          name: p.name,
          password_hash: passwordHash,
          email_verified_at: at,
          preferred_language: p.language ?? "en",
          country: p.country,
          time_zone: p.timeZone,
          is_admin: isAdmin ? 1 : 0,
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    };

    await addUser({ email: `admin@${DOMAIN}`, name: "Alex Admin", country: "SG", timeZone: "Asia/Singapore" }, true);
    const organiserId = await addUser({
      email: `organiser@${DOMAIN}`,
      name: "Chen Jing",
      country: "CN",
      timeZone: "Asia/Shanghai",
    });
    const mentorId = await addUser({
      email: `mentor1@${DOMAIN}`,
      name: "Rizal Hakim",
      country: "MY",
      timeZone: "Asia/Kuala_Lumpur",
    });
    const judgeIds: number[] = [];
    for (const judge of judges) judgeIds.push(await addUser(judge));

    let contest = await trx.selectFrom("contests").select("id").where("slug", "=", "china-asean-2026").executeTakeFirst();
    if (!contest) {
      contest = await trx
        .insertInto("contests")
        .values({
          slug: "china-asean-2026",
          name: DEMO_CONTEST.name.en,
          name_i18n: JSON.stringify(DEMO_CONTEST.name),
          description_i18n: JSON.stringify(DEMO_CONTEST.description),
          terms_i18n: JSON.stringify(DEMO_CONTEST.terms),
          declaration_i18n: JSON.stringify(DEMO_CONTEST.declaration),
          prizes_i18n: JSON.stringify(DEMO_CONTEST.prizes),
          faq_i18n: JSON.stringify(DEMO_CONTEST.faq),
          contact_email: "contest@demo.trellis.test",
          eligible_countries: JSON.stringify(CHINA_AND_ASEAN),
          team_min: 2,
          team_max: 6,
          registration_opens_at: "2026-11-01T01:00:00.000Z",
          registration_closes_at: "2027-01-31T10:00:00.000Z",
          time_zone: "Asia/Shanghai",
          state: "registration_open",
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await seedContestSetup(trx, contest.id, at);
    }
    const grant = async (userId: number, role: "organiser" | "judge" | "mentor") => {
      await trx
        .insertInto("contest_roles")
        .values({ contest_id: contest.id, user_id: userId, role, created_at: at })
        .onConflict((oc) => oc.doNothing())
        .execute();
    };
    await grant(organiserId, "organiser");
    await grant(mentorId, "mentor");
    for (const id of judgeIds) await grant(id, "judge");
    const trackRows = await trx.selectFrom("tracks").select(["id", "position"]).where("contest_id", "=", contest.id).execute();
    for (const [i, id] of judgeIds.entries()) {
      const profile = judgeProfiles[i]!;
      await trx
        .insertInto("judge_profiles")
        .values({
          contest_id: contest.id,
          user_id: id,
          organisation: profile.organisation,
          country: judges[i]!.country,
          track_ids_json: JSON.stringify(trackRows.filter((t) => profile.tracks.includes(t.position)).map((t) => t.id)),
          languages_json: JSON.stringify(profile.languages),
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    // Every demo judge but judge1 has signed the agreement; judge1 is there to try signing.
    const agreement = await trx
      .selectFrom("contests")
      .select(["name", "judge_agreement_i18n", "judge_agreement_version"])
      .where("id", "=", contest.id)
      .executeTakeFirstOrThrow();
    for (const id of judgeIds.slice(1)) {
      await trx
        .insertInto("agreement_acceptances")
        .values({
          contest_id: contest.id,
          user_id: id,
          agreement_version: agreement.judge_agreement_version,
          text_sha256: sha256Hex(agreementText(agreement, "en")),
          language: "en",
          accepted_at: at,
          ip: null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }

    for (const [i, team] of teams.entries()) {
      const leadId = await addUser({
        email: `founder${2 * i + 1}@${DOMAIN}`,
        name: team.lead[0],
        country: team.country,
        timeZone: team.lead[1],
      });
      const memberId = await addUser({
        email: `founder${2 * i + 2}@${DOMAIN}`,
        name: team.member[0],
        country: team.country,
        timeZone: team.member[1],
      });
      const existing = await trx.selectFrom("teams").select("id").where("name", "=", team.name).executeTakeFirst();
      const teamId =
        existing?.id ??
        (
          await trx
            .insertInto("teams")
            .values({
              name: team.name,
              name_key: normaliseTeamName(team.name),
              country: team.country,
              city: team.city,
              organisation: team.organisation,
              stage: team.stage,
              founding_year: team.foundingYear,
              pitch: team.pitch,
              founders_women: team.women,
              founders_men: 2 - team.women,
              women_led: team.women > 0 ? 1 : 0,
              created_at: at,
              updated_at: at,
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      await trx
        .insertInto("team_members")
        .values([
          { team_id: teamId, user_id: leadId, role: "lead", joined_at: at },
          { team_id: teamId, user_id: memberId, role: "member", joined_at: at },
        ])
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });

  const contest = await db.selectFrom("contests").select("id").where("slug", "=", "china-asean-2026").executeTakeFirstOrThrow();
  const { getStorage } = await import("#app/infra/storage/index.server");
  await seedDemoEntries(db, storage ?? getStorage(), contest.id, now);
  const idOf = async (email: string) =>
    (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  await seedDemoHeats(
    db,
    { organiserId: await idOf(`organiser@${DOMAIN}`), judgeIds: await Promise.all(judges.map((j) => idOf(j.email))) },
    now,
  );
}

const DEMO_CONTEST = {
  name: {
    en: "China–ASEAN Innovation and Entrepreneurship Contest 2026",
    "zh-CN": "2026 中国—东盟创新创业大赛",
    "zh-TW": "2026 中國—東盟創新創業大賽",
  },
  description: {
    en: "A cross-border contest for startup teams from China and the ten ASEAN members. Teams enter one of eight tracks, pitch online in the preliminary round, and the best meet investors and partners at the final roadshow.\n\nWinners join a six-month incubation cohort with mentors from across the region.",
    "zh-CN":
      "面向中国和东盟十国创业团队的跨境创新创业大赛。团队选择八个赛道之一参赛，先参加线上初赛，优秀团队进入决赛路演，与投资人和合作伙伴面对面交流。\n\n获奖团队将进入为期六个月的孵化批次，由来自区域各地的导师陪伴成长。",
  },
  terms: {
    en: "Teams confirm that the information they give is true, that they may share their materials with the judges, and that the organisers may publish the names of finalists and winners.",
    "zh-CN": "参赛团队确认所提交信息真实，有权向评委提供参赛材料，并同意组织方公布入围及获奖团队名单。",
  },
  declaration: {
    en: "We declare that this entry is our own original work and does not infringe anyone else's intellectual property.",
    "zh-CN": "我们声明本参赛项目为团队原创，不侵犯任何第三方的知识产权。",
  },
  prizes: {
    en: "One gold, two silver and three bronze awards in each track, and a place in the incubation cohort for every finalist.",
  },
  faq: {
    en: "Can a team enter more than one track? No: one entry per team, in one track.\n\nWhich languages may we use? Materials in English or Chinese; the interface speaks seven languages.",
  },
};

/** Rounds, materials and rubrics of the demo contest, as an organiser would have set them up. */
async function seedContestSetup(trx: Kysely<Database>, contestId: number, at: string) {
  await insertDefaultTracks(trx, contestId, at);
  const rounds: Array<{
    name: Record<string, string>;
    windows: [string, string, string, string];
    blind: boolean;
    judges: number;
    template: RubricTemplateId;
    materials: Array<{
      kind: "pitch_deck" | "business_plan" | "video_link" | "text_answer";
      label: Record<string, string>;
      required: boolean;
      maxPages?: number;
      maxSizeMb?: number;
      maxChars?: number;
    }>;
  }> = [
    {
      name: { en: "Preliminary online review", "zh-CN": "线上初赛" },
      windows: ["2026-12-01T01:00:00.000Z", "2027-02-15T10:00:00.000Z", "2027-02-16T01:00:00.000Z", "2027-03-01T10:00:00.000Z"],
      blind: true,
      judges: 3,
      template: "general_startup",
      materials: [
        { kind: "pitch_deck", label: { en: "Pitch deck", "zh-CN": "路演材料" }, required: true, maxPages: 20, maxSizeMb: 20 },
        {
          kind: "business_plan",
          label: { en: "Business plan", "zh-CN": "商业计划书" },
          required: false,
          maxPages: 40,
          maxSizeMb: 30,
        },
        { kind: "video_link", label: { en: "Two-minute video", "zh-CN": "两分钟视频" }, required: false },
        {
          kind: "text_answer",
          label: { en: "What problem do you solve, and for whom?", "zh-CN": "你们解决什么问题？为谁解决？" },
          required: true,
          maxChars: 1500,
        },
      ],
    },
    {
      name: { en: "Final roadshow", "zh-CN": "决赛路演" },
      windows: ["2027-03-10T01:00:00.000Z", "2027-04-10T10:00:00.000Z", "2027-04-20T01:00:00.000Z", "2027-04-20T10:00:00.000Z"],
      blind: false,
      judges: 5,
      template: "china_national",
      materials: [
        {
          kind: "pitch_deck",
          label: { en: "Final pitch deck", "zh-CN": "决赛路演材料" },
          required: true,
          maxPages: 15,
          maxSizeMb: 20,
        },
      ],
    },
  ];
  for (const [i, round] of rounds.entries()) {
    const template = RUBRIC_TEMPLATES[round.template];
    const rubricId = await insertRubric(trx, {
      contestId,
      name: template.name,
      template: round.template,
      copiedFrom: null,
      version: 1,
      definition: template.rubric,
      at,
    });
    const row = await trx
      .insertInto("rounds")
      .values({
        contest_id: contestId,
        position: i + 1,
        name_i18n: JSON.stringify(round.name),
        submission_opens_at: round.windows[0],
        submission_closes_at: round.windows[1],
        review_opens_at: round.windows[2],
        review_closes_at: round.windows[3],
        blind_review: round.blind ? 1 : 0,
        judges_per_entry: round.judges,
        rubric_id: rubricId,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("material_requirements")
      .values(
        round.materials.map((m, position) => ({
          round_id: row.id,
          position: position + 1,
          kind: m.kind,
          label_i18n: JSON.stringify(m.label),
          help_i18n: null,
          required: m.required ? (1 as const) : (0 as const),
          max_size_mb: m.maxSizeMb ?? null,
          max_pages: m.maxPages ?? null,
          max_chars: m.maxChars ?? null,
        })),
      )
      .execute();
  }
}

export function printDemoLogins(appUrl: string): void {
  const lines = demoLogins().map((l) => `  ${l.email.padEnd(30)} ${l.role}`);
  console.log(
    ["", `Demo data created. Sign in at ${appUrl}/login with any of these (password: ${DEMO_PASSWORD}):`, ...lines, ""].join(
      "\n",
    ),
  );
}
