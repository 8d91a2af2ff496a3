// The demo: users for every role with the logins fixed in shared/CONVENTIONS.md, the China–ASEAN
// contest they belong to, and teams from several countries. Later issues add their demo data here.
// Run as `npm run db:seed`; the server also calls it on start when a development database is empty.
import { pathToFileURL } from "node:url";
import type { Kysely } from "kysely";
import type { Database, Language } from "./schema";

export const DEMO_PASSWORD = "trellis-demo-2026";
const DOMAIN = "demo.trellis.test";

interface DemoPerson {
  email: string;
  name: string;
  country: string;
  timeZone: string;
  language?: Language;
}

const judges: DemoPerson[] = [
  { email: `judge1@${DOMAIN}`, name: "Li Wei", country: "CN", timeZone: "Asia/Shanghai" },
  { email: `judge2@${DOMAIN}`, name: "Siti Rahmawati", country: "ID", timeZone: "Asia/Jakarta" },
  { email: `judge3@${DOMAIN}`, name: "Somchai Wongsakul", country: "TH", timeZone: "Asia/Bangkok" },
  { email: `judge4@${DOMAIN}`, name: "Nguyen Thi Lan", country: "VN", timeZone: "Asia/Ho_Chi_Minh" },
  { email: `judge5@${DOMAIN}`, name: "Tan Mei Ling", country: "SG", timeZone: "Asia/Singapore" },
  { email: `judge6@${DOMAIN}`, name: "Maria Santos", country: "PH", timeZone: "Asia/Manila" },
];

const teams = [
  { name: "GreenLoop Energy", country: "CN", lead: ["Zhang Min", "Asia/Shanghai"], member: ["Wang Fang", "Asia/Shanghai"] },
  { name: "PadiSense", country: "MY", lead: ["Ahmad Faizal", "Asia/Kuala_Lumpur"], member: ["Nurul Izzah", "Asia/Kuala_Lumpur"] },
  { name: "MediBridge", country: "TH", lead: ["Kanya Srisuk", "Asia/Bangkok"], member: ["Anan Chaiyo", "Asia/Bangkok"] },
  { name: "OceanTrace", country: "ID", lead: ["Budi Santoso", "Asia/Jakarta"], member: ["Dewi Lestari", "Asia/Jakarta"] },
  {
    name: "Lotus Robotics",
    country: "VN",
    lead: ["Tran Van Minh", "Asia/Ho_Chi_Minh"],
    member: ["Pham Thu Ha", "Asia/Ho_Chi_Minh"],
  },
  { name: "Mekong Harvest", country: "KH", lead: ["Sokha Chea", "Asia/Phnom_Penh"], member: ["Dara Kim", "Asia/Phnom_Penh"] },
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

export async function seedDemo(db: Kysely<Database>, now = new Date()): Promise<void> {
  const { hashPassword } = await import("#app/infra/password.server");
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
          name: "China–ASEAN Innovation and Entrepreneurship Contest 2026",
          time_zone: "Asia/Shanghai",
          state: "registration_open",
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
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
            .values({ name: team.name, country: team.country, created_at: at, updated_at: at })
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
}

export function printDemoLogins(appUrl: string): void {
  const lines = demoLogins().map((l) => `  ${l.email.padEnd(30)} ${l.role}`);
  console.log(
    ["", `Demo data created. Sign in at ${appUrl}/login with any of these (password: ${DEMO_PASSWORD}):`, ...lines, ""].join(
      "\n",
    ),
  );
}

// `npm run db:seed`: migrate, then add the demo (idempotent: existing rows are kept).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { getEnv } = await import("#app/infra/env.server");
  const { getDb, migrateToLatest } = await import("#app/infra/db.server");
  const env = getEnv();
  const db = getDb();
  await migrateToLatest(db);
  await seedDemo(db);
  printDemoLogins(env.APP_URL);
  await db.destroy();
}
