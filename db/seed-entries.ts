// The demo's entries: five of the six demo teams registered in the demo contest, each with its
// round 1 materials handed in (a pitch deck PDF, an answer, and for some a plan and a video link).
// MediBridge (founder5's team) stays unregistered, so registering is still there to try.
import type { Kysely } from "kysely";
import type { FileStorage } from "#app/infra/storage/types";
import { buildPdf } from "./demo-pdf";
import type { Database } from "./schema";

const DEMO_ENTRIES: Array<{
  team: string;
  code: string;
  track: number;
  language: string;
  answer: string;
  plan: boolean;
  video: string | null;
}> = [
  {
    team: "GreenLoop Energy",
    code: "T-0427",
    track: 3,
    language: "zh",
    answer:
      "E-scooter fleets in Nanning throw away batteries that still hold 70% of their charge. We test, regroup and resell them as storage for small shops.",
    plan: true,
    video: "https://www.bilibili.com/video/BV1demo0427",
  },
  {
    team: "PadiSense",
    code: "T-1138",
    track: 7,
    language: "en",
    answer:
      "Rice farmers in Kedah irrigate by habit and lose water and yield. Our soil sensors text them when a field needs water.",
    plan: false,
    video: "https://www.youtube.com/watch?v=demo1138",
  },
  {
    team: "OceanTrace",
    code: "T-2051",
    track: 5,
    language: "id",
    answer:
      "Small-boat fishers cannot prove where their catch comes from, so exporters pay them less. We give each catch a record buyers can check.",
    plan: true,
    video: null,
  },
  {
    team: "Lotus Robotics",
    code: "T-3306",
    track: 4,
    language: "vi",
    answer:
      "Small welding workshops in Da Nang cannot afford industrial robots. Ours costs a tenth and learns a seam from one demonstration.",
    plan: false,
    video: null,
  },
  {
    team: "Mekong Harvest",
    code: "T-4712",
    track: 7,
    language: "en",
    answer:
      "Village cooperatives in Battambang sell their harvest the week it is picked, at the lowest price. Shared cold rooms let them wait for a better one.",
    plan: false,
    video: "https://vimeo.com/demo4712",
  },
];

export async function seedDemoEntries(db: Kysely<Database>, storage: FileStorage, contestId: number, now: Date) {
  // Registered and handed in a week before the seed runs, so the materials count for judging as
  // soon as an organiser moves the round's deadline to any time after that.
  const at = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const round = await db
    .selectFrom("rounds")
    .select("id")
    .where("contest_id", "=", contestId)
    .where("position", "=", 1)
    .executeTakeFirst();
  if (!round) return;
  const requirements = await db
    .selectFrom("material_requirements")
    .select(["id", "kind"])
    .where("round_id", "=", round.id)
    .execute();
  const requirement = (kind: string) => requirements.find((r) => r.kind === kind);
  const tracks = await db.selectFrom("tracks").select(["id", "position"]).where("contest_id", "=", contestId).execute();
  const contest = await db.selectFrom("contests").select("terms_version").where("id", "=", contestId).executeTakeFirstOrThrow();

  for (const demo of DEMO_ENTRIES) {
    const team = await db
      .selectFrom("teams")
      .innerJoin("team_members", (j) => j.onRef("team_members.team_id", "=", "teams.id").on("team_members.role", "=", "lead"))
      .select(["teams.id", "teams.name", "team_members.user_id as leadId"])
      .where("teams.name", "=", demo.team)
      .executeTakeFirst();
    const track = tracks.find((t) => t.position === demo.track);
    if (!team || !track) continue;
    const taken = await db
      .selectFrom("entries")
      .select("id")
      .where("contest_id", "=", contestId)
      .where("team_id", "=", team.id)
      .executeTakeFirst();
    if (taken) continue;
    // Files first (content-addressed, so a rerun stores nothing twice), then the rows in one transaction.
    const deck = await storage.put(
      // No team name inside: round 1 is blind, and the demo's teams follow the rules.
      buildPdf([
        `Entry ${demo.code}: pitch deck`,
        "The problem",
        "Our solution",
        "Market",
        "Business model",
        "Team",
        "Traction",
        "The ask",
      ]),
      { maxBytes: 20 * 1024 * 1024, contentType: "application/pdf", fileName: "deck.pdf" },
    );
    const plan = demo.plan
      ? await storage.put(buildPdf([`Entry ${demo.code}: business plan`, "Summary", "Market", "Operations", "Finance"]), {
          maxBytes: 30 * 1024 * 1024,
          contentType: "application/pdf",
          fileName: "plan.pdf",
        })
      : null;
    await db.transaction().execute(async (trx) => {
      const entry = await trx
        .insertInto("entries")
        .values({
          contest_id: contestId,
          team_id: team.id,
          track_id: track.id,
          code: demo.code,
          answers_json: "{}",
          terms_version: contest.terms_version,
          terms_accepted_at: at,
          registered_by: team.leadId,
          registered_at: at,
          updated_at: at,
          materials_language: demo.language,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const base = {
        entry_id: entry.id,
        round_id: round.id,
        version: 1,
        storage_key: null,
        sha256: null,
        size_bytes: null,
        file_name: null,
        content_type: null,
        pages: null,
        text_value: null,
        url_value: null,
        uploaded_by: team.leadId,
        created_at: at,
      };
      const rows = [];
      const file = (kind: string, stored: { key: string; sha256: string; size: number }, name: string, pages: number) => {
        const r = requirement(kind);
        if (r)
          rows.push({
            ...base,
            requirement_id: r.id,
            kind: "file" as const,
            storage_key: stored.key,
            sha256: stored.sha256,
            size_bytes: stored.size,
            file_name: name,
            content_type: "application/pdf",
            pages,
          });
      };
      file("pitch_deck", deck, `${team.name} pitch deck.pdf`, 8);
      if (plan) file("business_plan", plan, `${team.name} business plan.pdf`, 5);
      const answer = requirement("text_answer");
      if (answer) rows.push({ ...base, requirement_id: answer.id, kind: "text" as const, text_value: demo.answer });
      const video = requirement("video_link");
      if (video && demo.video) rows.push({ ...base, requirement_id: video.id, kind: "link" as const, url_value: demo.video });
      if (rows.length) await trx.insertInto("submissions").values(rows).execute();
    });
  }
}
