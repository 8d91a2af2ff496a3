// The demo's heats: the China–ASEAN Startup Cup, whose final is fed by three national heats
// (Viet Nam, Indonesia, Thailand), each a contest of its own in its own time zone with its own
// judges. Every heat has scored its round; the Viet Nam heat has published its results, the other
// two have not yet. The final runs one round in pairwise mode, judged by judge5 and judge6.
import type { Kysely } from "kysely";
import { insertDefaultTracks } from "#app/data/contests.server";
import { insertRubric } from "#app/data/rubrics.server";
import { loadRoles } from "#app/data/users.server";
import { CHINA_AND_ASEAN } from "#app/domain/countries";
import { normaliseTeamName } from "#app/domain/registration";
import { RUBRIC_TEMPLATES } from "#app/domain/rubric-templates";
import type { Database } from "./schema";

export const DEMO_FINAL_SLUG = "asean-startup-cup-2026";

const DAY = 86_400_000;

interface DemoHeat {
  slug: string;
  name: Record<string, string>;
  country: string;
  timeZone: string;
  /** Indexes into the demo judges (judge1 is 0). */
  judges: [number, number];
  publish: boolean;
  /** Team names with their track position and strength (0–1; higher scores better). */
  teams: Array<{ name: string; city: string; track: 1 | 2; strength: number }>;
}

const HEATS: DemoHeat[] = [
  {
    slug: "startup-cup-2026-vietnam",
    name: { en: "Startup Cup 2026 — Viet Nam heat", vi: "Startup Cup 2026 — Vòng loại Việt Nam" },
    country: "VN",
    timeZone: "Asia/Ho_Chi_Minh",
    judges: [3, 4],
    publish: true,
    teams: [
      { name: "Saigon Solar Rooftops", city: "Ho Chi Minh City", track: 1, strength: 0.9 },
      { name: "Hue Heritage Tours", city: "Hue", track: 1, strength: 0.7 },
      { name: "Red River Aqua", city: "Hanoi", track: 1, strength: 0.5 },
      { name: "Can Tho Cold Chain", city: "Can Tho", track: 2, strength: 0.8 },
      { name: "Hoi An Craft Market", city: "Hoi An", track: 2, strength: 0.45 },
    ],
  },
  {
    slug: "startup-cup-2026-indonesia",
    name: { en: "Startup Cup 2026 — Indonesia heat", id: "Startup Cup 2026 — Babak penyisihan Indonesia" },
    country: "ID",
    timeZone: "Asia/Jakarta",
    judges: [3, 5],
    publish: false,
    teams: [
      { name: "Bandung Battery Works", city: "Bandung", track: 1, strength: 0.85 },
      { name: "Surabaya Seaweed Co", city: "Surabaya", track: 1, strength: 0.65 },
      { name: "Medan Coffee Trace", city: "Medan", track: 1, strength: 0.4 },
      { name: "Bali Reef Watch", city: "Denpasar", track: 2, strength: 0.75 },
      { name: "Yogya Learning Lab", city: "Yogyakarta", track: 2, strength: 0.55 },
    ],
  },
  {
    slug: "startup-cup-2026-thailand",
    name: { en: "Startup Cup 2026 — Thailand heat", th: "Startup Cup 2026 — รอบคัดเลือกประเทศไทย" },
    country: "TH",
    timeZone: "Asia/Bangkok",
    judges: [4, 5],
    publish: false,
    teams: [
      { name: "Khon Kaen Cassava Tech", city: "Khon Kaen", track: 1, strength: 0.8 },
      { name: "Phuket Ocean Plastics", city: "Phuket", track: 1, strength: 0.6 },
      { name: "Isan Silk Digital", city: "Udon Thani", track: 1, strength: 0.35 },
      { name: "Bangkok Clinic Queue", city: "Bangkok", track: 2, strength: 0.7 },
      { name: "Chiang Rai Tea Ledger", city: "Chiang Rai", track: 2, strength: 0.5 },
    ],
  },
];

const FINAL = {
  name: {
    en: "China–ASEAN Startup Cup 2026 — Final",
    "zh-CN": "2026 中国—东盟创业杯 决赛",
    "zh-TW": "2026 中國—東盟創業盃 決賽",
  },
  description: {
    en: "The final of the Startup Cup: the best teams of the national heats in Viet Nam, Indonesia and Thailand, plus wild cards chosen by the final's organisers. The final is judged by pairwise comparison.",
  },
  terms: {
    en: "Teams confirm that the information they give is true and that the organisers may publish the names of finalists and winners.",
  },
};

/**
 * Seed the final and its heats. `judgeIds` are the six demo judges in order; `organiserId` the demo
 * organiser, who organises the final and so every heat.
 */
export async function seedDemoHeats(
  db: Kysely<Database>,
  ids: { organiserId: number; judgeIds: readonly number[] },
  now: Date,
): Promise<void> {
  if (await db.selectFrom("contests").select("id").where("slug", "=", DEMO_FINAL_SLUG).executeTakeFirst()) return;
  const { agreementText } = await import("#app/services/judges.server");
  const { sha256Hex } = await import("#app/infra/crypto.server");
  const at = now.toISOString();
  const when = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  const toPublish: Array<{ heatId: number; roundId: number }> = [];

  await db.transaction().execute(async (trx) => {
    const signAgreement = async (contestId: number, userId: number) => {
      const contest = await trx
        .selectFrom("contests")
        .select(["name", "judge_agreement_i18n", "judge_agreement_version"])
        .where("id", "=", contestId)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("agreement_acceptances")
        .values({
          contest_id: contestId,
          user_id: userId,
          agreement_version: contest.judge_agreement_version,
          text_sha256: sha256Hex(agreementText(contest, "en")),
          language: "en",
          accepted_at: at,
          ip: null,
        })
        .execute();
    };
    const addJudge = async (contestId: number, userId: number, country: string) => {
      await trx
        .insertInto("contest_roles")
        .values({ contest_id: contestId, user_id: userId, role: "judge", created_at: at })
        .execute();
      await trx
        .insertInto("judge_profiles")
        .values({
          contest_id: contestId,
          user_id: userId,
          organisation: null,
          country,
          track_ids_json: "[]",
          languages_json: JSON.stringify(["en"]),
          created_at: at,
          updated_at: at,
        })
        .execute();
      await signAgreement(contestId, userId);
    };

    const final = await trx
      .insertInto("contests")
      .values({
        slug: DEMO_FINAL_SLUG,
        name: FINAL.name.en,
        name_i18n: JSON.stringify(FINAL.name),
        description_i18n: JSON.stringify(FINAL.description),
        terms_i18n: JSON.stringify(FINAL.terms),
        eligible_countries: JSON.stringify(CHINA_AND_ASEAN),
        team_min: 1,
        team_max: 6,
        time_zone: "Asia/Shanghai",
        state: "running",
        heat_quota: 2,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("contest_roles")
      .values({ contest_id: final.id, user_id: ids.organiserId, role: "organiser", created_at: at })
      .execute();
    await insertDefaultTracks(trx, final.id, at);
    const finalTracks = await trx
      .selectFrom("tracks")
      .select(["id", "position", "name_i18n", "description_i18n", "women_led_only"])
      .where("contest_id", "=", final.id)
      .orderBy("position")
      .execute();
    // The final: one round, judged by pairwise comparison while its review window is open.
    await trx
      .insertInto("rounds")
      .values({
        contest_id: final.id,
        position: 1,
        name_i18n: JSON.stringify({ en: "Grand final", "zh-CN": "总决赛", "zh-TW": "總決賽" }),
        submission_opens_at: when(-20),
        submission_closes_at: when(-1),
        review_opens_at: when(-1),
        review_closes_at: when(30),
        blind_review: 0,
        judges_per_entry: 2,
        rubric_id: null,
        judging_mode: "pairwise",
        created_at: at,
        updated_at: at,
      })
      .execute();
    for (const judge of [4, 5]) await addJudge(final.id, ids.judgeIds[judge]!, judge === 4 ? "SG" : "PH");

    const template = RUBRIC_TEMPLATES.general_startup;
    for (const heat of HEATS) {
      const row = await trx
        .insertInto("contests")
        .values({
          slug: heat.slug,
          name: heat.name.en!,
          name_i18n: JSON.stringify(heat.name),
          description_i18n: JSON.stringify(FINAL.description),
          terms_i18n: JSON.stringify(FINAL.terms),
          eligible_countries: JSON.stringify([heat.country]),
          team_min: 1,
          team_max: 6,
          time_zone: heat.timeZone,
          state: "running",
          parent_contest_id: final.id,
          created_at: at,
          updated_at: at,
        })
        .returning(["id", "terms_version"])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("tracks")
        .values(
          finalTracks.map((t) => ({
            contest_id: row.id,
            position: t.position,
            name_i18n: t.name_i18n,
            description_i18n: t.description_i18n,
            women_led_only: t.women_led_only,
            final_track_id: t.id,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      const heatTracks = await trx.selectFrom("tracks").select(["id", "position"]).where("contest_id", "=", row.id).execute();
      const trackAt = (position: number) => heatTracks.find((t) => t.position === position)!.id;
      const rubricId = await insertRubric(trx, {
        contestId: row.id,
        name: template.name,
        template: "general_startup",
        copiedFrom: null,
        version: 1,
        definition: template.rubric,
        at,
      });
      const criteria = await trx
        .selectFrom("criteria")
        .select(["id", "scale_min", "scale_max", "scale_step"])
        .where("rubric_id", "=", rubricId)
        .orderBy("position")
        .execute();
      const round = await trx
        .insertInto("rounds")
        .values({
          contest_id: row.id,
          position: 1,
          name_i18n: JSON.stringify({ en: "Heat round" }),
          submission_opens_at: when(-40),
          submission_closes_at: when(-20),
          review_opens_at: when(-19),
          review_closes_at: when(-2),
          blind_review: 0,
          judges_per_entry: 2,
          rubric_id: rubricId,
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const j of heat.judges) await addJudge(row.id, ids.judgeIds[j]!, heat.country);

      for (const [n, team] of heat.teams.entries()) {
        const t = await trx
          .insertInto("teams")
          .values({
            name: team.name,
            name_key: normaliseTeamName(team.name),
            country: heat.country,
            city: team.city,
            organisation: null,
            stage: "prototype",
            founding_year: 2025,
            pitch: null,
            founders_women: 1,
            founders_men: 1,
            women_led: 1,
            created_at: at,
            updated_at: at,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const entry = await trx
          .insertInto("entries")
          .values({
            contest_id: row.id,
            team_id: t.id,
            track_id: trackAt(team.track),
            code: `${heat.country}-${String(n + 1).padStart(2, "0")}`,
            status: "registered",
            answers_json: "{}",
            terms_version: row.terms_version,
            terms_accepted_at: when(-45),
            registered_by: null,
            registered_at: when(-45),
            updated_at: when(-45),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        // Both heat judges scored every entry: the stronger the team, the higher every criterion.
        for (const [k, j] of heat.judges.entries()) {
          const assignment = await trx
            .insertInto("assignments")
            .values({
              round_id: round.id,
              entry_id: entry.id,
              judge_id: ids.judgeIds[j]!,
              source: "manual",
              assigned_by: ids.organiserId,
              created_at: when(-19),
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          const review = await trx
            .insertInto("reviews")
            .values({
              assignment_id: assignment.id,
              status: "submitted",
              feedback: "A clear problem and a credible team; show more evidence from paying customers.",
              note: null,
              confidence: 4,
              created_at: when(-10),
              updated_at: when(-10),
              submitted_at: when(-10),
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          await trx
            .insertInto("criterion_scores")
            .values(
              criteria.map((c, ci) => {
                const span = c.scale_max - c.scale_min;
                // The second judge is a point stricter on the first criterion: the same for every entry.
                const raw = c.scale_min + team.strength * span - (k === 1 && ci === 0 ? c.scale_step : 0);
                const stepped = c.scale_min + Math.round((raw - c.scale_min) / c.scale_step) * c.scale_step;
                return {
                  review_id: review.id,
                  criterion_id: c.id,
                  value: Math.min(c.scale_max, Math.max(c.scale_min, stepped)),
                  comment: null,
                };
              }),
            )
            .execute();
        }
      }
      if (heat.publish) toPublish.push({ heatId: row.id, roundId: round.id });
    }
  });

  // The Viet Nam heat has finished: publish its results as its organisers would.
  const { publishRound } = await import("#app/services/publication.server");
  const roles = await loadRoles(db, ids.organiserId);
  for (const { heatId, roundId } of toPublish) {
    const published = await publishRound(
      {
        db,
        actor: { userId: ids.organiserId, isAdmin: false, emailVerified: true, ...roles },
        now,
        ip: null,
        userAgent: "seed",
        appUrl: "",
      },
      heatId,
      roundId,
      { reason: null },
    );
    if (!published.ok) throw new Error(`Could not publish the demo heat ${heatId}: ${published.error.code}`);
  }
}
