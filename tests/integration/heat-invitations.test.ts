// Heat organisers without an account yet, against a real SQLite file: the final's organiser names an
// address; an account gets the role at once, any other address an emailed link (stored hashed, valid
// 14 days, for that address only). Accepting makes the account an organiser of that heat alone, not
// of the final nor of another heat; a wrong account, a revoked, expired, used or unknown link is
// refused and changes nothing. Then the same journey through the route modules, as Remix calls them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { can } from "#app/domain/permissions";
import { HEAT_ORGANISER_INVITES_PER_ACCOUNT, TOKEN_FAILURES_PER_IP } from "#app/domain/rate-limit";
import { readToast } from "#app/infra/toast.server";
import { action as invitationAction, loader as invitationLoader } from "#app/routes/heat-invitations.$token";
import { action as heatsAction, loader as heatsLoader } from "#app/routes/manage.$contestId.heats";
import type { ServiceContext } from "#app/services/context.server";
import {
  addHeatOrganiser,
  HEAT_INVITATION_TTL_DAYS,
  inspectHeatInvitation,
  respondToHeatInvitation,
  revokeHeatOrganiserInvitation,
} from "#app/services/heat-organisers.server";
import { createHeat, heatsPage, type HeatsPage } from "#app/services/heats.server";
import type { User } from "#db/schema";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import { get, loadContext, outcome, post, signInCookie } from "#tests/support/routes";

const NOW = new Date("2027-03-01T02:00:00.000Z");
const DAY = 86_400_000;
const INVITEE = "lan.heat@gmail.com";

let t: TestDb;
let finalId: number;
let heatA: number;
let heatB: number;
let organiser: User;
let final: ServiceContext;

const ctxOf = (user: User | null, now = NOW, ip = "127.0.0.1") => makeCtx(t.db, user, { now, ip });
const auditRows = (action: string) => t.db.selectFrom("audit_events").selectAll().where("action", "=", action).execute();
const rolesOf = async (userId: number) =>
  (
    await t.db
      .selectFrom("contest_roles")
      .select(["contest_id", "role"])
      .where("user_id", "=", userId)
      .orderBy("contest_id")
      .execute()
  ).map((r) => [r.contest_id, r.role]);

async function mailTo(address: string, kind: string) {
  return t.db
    .selectFrom("outbox_messages")
    .selectAll()
    .where("kind", "=", kind)
    .where("to_address", "=", address)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
}

/** The token of the newest invitation link mailed to `address`, as the invitee would click it. */
async function linkToken(address = INVITEE): Promise<string> {
  const mail = await mailTo(address, "heat_organiser.invitation");
  const token = /\/heat-invitations\/([a-z0-9]+)/.exec(mail.text_body)?.[1];
  if (!token) throw new Error("no link in the invitation");
  return token;
}

async function invite(email = INVITEE, heatId = heatA, options: Parameters<typeof addHeatOrganiser>[4] = {}) {
  const result = await addHeatOrganiser(final, finalId, heatId, email, options);
  if (!result.ok) throw new Error(result.error.code);
  if (result.value.kind !== "invited") throw new Error(`expected an invitation, got ${result.value.kind}`);
  return { invitationId: result.value.invitationId, token: await linkToken(email.trim().toLowerCase()) };
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  finalId = (await makeContest(t.db, "asean-final")).id;
  await t.db
    .updateTable("contests")
    .set({ name_i18n: JSON.stringify({ en: "ASEAN Cup", th: "ถ้วยอาเซียน" }) })
    .where("id", "=", finalId)
    .execute();
  organiser = await makeUser(t.db, { name: "Olive Organiser", language: "th" });
  await grantRole(t.db, finalId, organiser.id, "organiser");
  final = await ctxOf(organiser);
  const made = async (slug: string, name: Record<string, string>) => {
    const heat = await createHeat(final, finalId, {
      name: { en: name.en!, ...name },
      slug,
      timeZone: "Asia/Bangkok",
      countries: [],
    });
    if (!heat.ok) throw new Error(heat.error.code);
    return heat.value.id;
  };
  heatA = await made("heat-th", { en: "Thailand heat", th: "สนามประเทศไทย" });
  heatB = await made("heat-vn", { en: "Viet Nam heat" });
});
afterEach(() => t.cleanup());

describe("inviting a heat organiser who has no account", () => {
  it("emails a link in the inviter's language, valid 14 days, whose token is stored only hashed", async () => {
    const before = await t.db.selectFrom("outbox_messages").select("id").execute();
    const result = await addHeatOrganiser(final, finalId, heatA, "  Lan.Heat@Gmail.com ", { name: "Lan" });
    expect(result).toMatchObject({ ok: true, value: { kind: "invited", email: INVITEE, heat: { en: "Thailand heat" } } });
    const mail = await mailTo(INVITEE, "heat_organiser.invitation");
    expect((await t.db.selectFrom("outbox_messages").select("id").execute()).length).toBe(before.length + 1);
    // The inviter reads Thai, so the invitee gets Thai with the heat's and the final's Thai names.
    expect(mail.language).toBe("th");
    expect(mail.subject).toContain("สนามประเทศไทย");
    expect(mail.subject).toContain("ถ้วยอาเซียน");
    const token = await linkToken();
    expect(mail.text_body).toContain(`http://localhost:3999/heat-invitations/${token}`);
    expect(mail.text_body).toContain("Lan");
    const row = await t.db.selectFrom("heat_organiser_invitations").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      heat_contest_id: heatA,
      email: INVITEE,
      name: "Lan",
      status: "pending",
      invited_by: organiser.id,
    });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(Date.parse(row.expires_at) - NOW.getTime()).toBe(HEAT_INVITATION_TTL_DAYS * DAY);
    expect(HEAT_INVITATION_TTL_DAYS).toBe(14);
    // Nobody holds a role yet; the audit log records the invitation.
    expect(await t.db.selectFrom("contest_roles").select("id").where("contest_id", "=", heatA).execute()).toEqual([]);
    const [event] = await auditRows("heat.organiser_invited");
    expect(event).toMatchObject({ actor_user_id: organiser.id, subject_id: String(heatA), contest_id: finalId });
    expect(JSON.parse(event!.after_json!)).toMatchObject({ invitationId: row.id, email: INVITEE, language: "th" });
  });

  it("writes the invitation in the language the organiser chose, and lists it on the final's page", async () => {
    await invite(INVITEE, heatA, { language: "vi" });
    expect((await mailTo(INVITEE, "heat_organiser.invitation")).language).toBe("vi");
    const page = await heatsPage(final, finalId);
    if (!page.ok) throw new Error(page.error.code);
    expect((page.value as HeatsPage).invitations).toEqual([
      expect.objectContaining({ heatId: heatA, email: INVITEE, name: null, expired: false }),
    ]);
  });

  it("gives an existing account the role at once, with an email telling them, and no invitation", async () => {
    const budi = await makeUser(t.db, { email: "budi@example.id", name: "Budi", language: "id" });
    const result = await addHeatOrganiser(final, finalId, heatA, "Budi@Example.id");
    expect(result).toEqual({
      ok: true,
      value: {
        kind: "added",
        userId: budi.id,
        email: "budi@example.id",
        name: "Budi",
        heat: { en: "Thailand heat", th: "สนามประเทศไทย" },
      },
    });
    expect(await rolesOf(budi.id)).toEqual([[heatA, "organiser"]]);
    const mail = await mailTo(budi.email, "heat_organiser.added");
    expect(mail.language).toBe("id");
    expect(mail.text_body).toContain(`http://localhost:3999/manage/${heatA}`);
    expect(await t.db.selectFrom("heat_organiser_invitations").select("id").execute()).toEqual([]);
    expect(await auditRows("heat.organiser_added")).toHaveLength(1);
    // Twice is refused on the field, and changes nothing.
    const before = await snapshot(t.db);
    expect(await addHeatOrganiser(final, finalId, heatA, budi.email)).toEqual({
      ok: false,
      error: { code: "heats.already_organiser", field: "email" },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("lets only the final's organisers invite: a heat's own organiser and strangers are refused", async () => {
    const heatOrganiser = await makeUser(t.db);
    await grantRole(t.db, heatA, heatOrganiser.id, "organiser");
    const stranger = await makeUser(t.db);
    const before = await snapshot(t.db);
    for (const who of [heatOrganiser, stranger])
      expect(await addHeatOrganiser(await ctxOf(who), finalId, heatA, INVITEE)).toEqual({
        ok: false,
        error: { code: "forbidden" },
      });
    // A heat's id is not a final: nobody invites through it.
    expect(await addHeatOrganiser(final, heatA, heatA, INVITEE)).toMatchObject({ ok: false });
    // Another final's heat is not found from this final.
    const otherFinal = (await makeContest(t.db, "other-final")).id;
    await grantRole(t.db, otherFinal, organiser.id, "organiser");
    expect(await addHeatOrganiser(await ctxOf(organiser), otherFinal, heatA, INVITEE)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    await t.db.deleteFrom("contest_roles").where("contest_id", "=", otherFinal).execute();
    await t.db.deleteFrom("contests").where("id", "=", otherFinal).execute();
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("limits how many invitations one organiser sends", async () => {
    for (let i = 0; i < HEAT_ORGANISER_INVITES_PER_ACCOUNT.limit; i++) await invite(`person${i}@example.net`);
    const before = await snapshot(t.db);
    const refused = await addHeatOrganiser(final, finalId, heatA, "one.more@example.net");
    expect(refused).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("replaces a pending invitation of the same address to the same heat: only the newest link works", async () => {
    const first = await invite();
    const second = await invite();
    expect(second.token).not.toBe(first.token);
    const rows = await t.db.selectFrom("heat_organiser_invitations").select(["id", "status"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: first.invitationId, status: "revoked" },
      { id: second.invitationId, status: "pending" },
    ]);
    expect(await inspectHeatInvitation(await ctxOf(null), first.token)).toEqual({
      ok: false,
      error: { code: "invitation_revoked" },
    });
    expect((await inspectHeatInvitation(await ctxOf(null), second.token)).ok).toBe(true);
  });
});

describe("answering an invitation to organise a heat", () => {
  it("shows anyone with the link which heat and final it is for", async () => {
    const { token } = await invite();
    expect(await inspectHeatInvitation(await ctxOf(null), token)).toEqual({
      ok: true,
      value: {
        heatName: { en: "Thailand heat", th: "สนามประเทศไทย" },
        finalName: { en: "ASEAN Cup", th: "ถ้วยอาเซียน" },
        email: INVITEE,
        expiresAt: new Date(NOW.getTime() + 14 * DAY).toISOString(),
      },
    });
  });

  it("accepted by the invited account, grants the organiser role on that heat only", async () => {
    const { token, invitationId } = await invite();
    // They sign up after the invitation went out, with the invited address.
    const lan = await makeUser(t.db, { email: INVITEE });
    expect(await respondToHeatInvitation(await ctxOf(lan), token, true)).toEqual({ ok: true, value: { heatId: heatA } });
    expect(await rolesOf(lan.id)).toEqual([[heatA, "organiser"]]);
    const row = await t.db
      .selectFrom("heat_organiser_invitations")
      .selectAll()
      .where("id", "=", invitationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "accepted", accepted_by: lan.id, responded_at: NOW.toISOString() });
    const [event] = await auditRows("heat.organiser_invitation_accepted");
    expect(event).toMatchObject({ actor_user_id: lan.id, subject_id: String(heatA), contest_id: finalId });

    // They manage the heat, and neither the final nor the other heat.
    const theirs = await ctxOf(lan);
    expect(can(theirs.actor, { type: "contest.manage", contestId: heatA })).toBe(true);
    expect(can(theirs.actor, { type: "contest.manage", contestId: finalId })).toBe(false);
    expect(can(theirs.actor, { type: "contest.manage", contestId: heatB })).toBe(false);
    expect(await heatsPage(theirs, heatA)).toMatchObject({ ok: true, value: { role: "heat" } });
    expect(await heatsPage(theirs, finalId)).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await heatsPage(theirs, heatB)).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await addHeatOrganiser(theirs, finalId, heatA, "someone@example.net")).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });

    // The link works once.
    expect(await respondToHeatInvitation(await ctxOf(lan), token, true)).toEqual({ ok: false, error: { code: "token_used" } });
    expect(await inspectHeatInvitation(await ctxOf(null), token)).toEqual({ ok: false, error: { code: "token_used" } });
  });

  it("refuses another account and a visitor who is not signed in, changing nothing", async () => {
    const { token } = await invite();
    const other = await makeUser(t.db, { email: "someone.else@gmail.com" });
    const before = await snapshot(t.db);
    expect(await respondToHeatInvitation(await ctxOf(other), token, true)).toEqual({
      ok: false,
      error: { code: "invitation_for_other_email" },
    });
    // Not even the final's organiser may take it in the invitee's place.
    expect(await respondToHeatInvitation(final, token, true)).toEqual({
      ok: false,
      error: { code: "invitation_for_other_email" },
    });
    expect(await respondToHeatInvitation(await ctxOf(null), token, true)).toEqual({ ok: false, error: { code: "unauthorised" } });
    expect(await snapshot(t.db)).toEqual(before);
    expect(await rolesOf(other.id)).toEqual([]);
  });

  it("declining records the answer and grants nothing", async () => {
    const { token, invitationId } = await invite();
    const lan = await makeUser(t.db, { email: INVITEE });
    expect(await respondToHeatInvitation(await ctxOf(lan), token, false)).toEqual({ ok: true, value: { heatId: heatA } });
    expect(await rolesOf(lan.id)).toEqual([]);
    const row = await t.db
      .selectFrom("heat_organiser_invitations")
      .selectAll()
      .where("id", "=", invitationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "declined", accepted_by: null });
    expect(await auditRows("heat.organiser_invitation_declined")).toHaveLength(1);
  });

  it("revoked by the final's organiser, the link no longer works; nobody else may revoke", async () => {
    const { token, invitationId } = await invite();
    const heatOrganiser = await makeUser(t.db);
    await grantRole(t.db, heatA, heatOrganiser.id, "organiser");
    const before = await snapshot(t.db);
    expect(await revokeHeatOrganiserInvitation(await ctxOf(heatOrganiser), finalId, invitationId)).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    // Another final's organiser, through their own final, finds nothing.
    const otherFinal = (await makeContest(t.db, "other-final")).id;
    const otherOrganiser = await makeUser(t.db);
    await grantRole(t.db, otherFinal, otherOrganiser.id, "organiser");
    expect(await revokeHeatOrganiserInvitation(await ctxOf(otherOrganiser), otherFinal, invitationId)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await t.db.selectFrom("heat_organiser_invitations").select("status").executeTakeFirstOrThrow()).toEqual({
      status: "pending",
    });
    expect(await auditRows("heat.organiser_invitation_revoked")).toEqual([]);
    expect((await snapshot(t.db)).heat_organiser_invitations).toEqual(before.heat_organiser_invitations);

    expect(await revokeHeatOrganiserInvitation(final, finalId, invitationId)).toEqual({ ok: true, value: { email: INVITEE } });
    expect(await auditRows("heat.organiser_invitation_revoked")).toHaveLength(1);
    expect(await revokeHeatOrganiserInvitation(final, finalId, invitationId)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    const lan = await makeUser(t.db, { email: INVITEE });
    expect(await inspectHeatInvitation(await ctxOf(null), token)).toEqual({ ok: false, error: { code: "invitation_revoked" } });
    expect(await respondToHeatInvitation(await ctxOf(lan), token, true)).toEqual({
      ok: false,
      error: { code: "invitation_revoked" },
    });
    expect(await rolesOf(lan.id)).toEqual([]);
    const page = await heatsPage(final, finalId);
    expect(page.ok && (page.value as HeatsPage).invitations).toEqual([]);
  });

  it("expires after 14 days: the link says so, and accepting it changes nothing", async () => {
    const { token } = await invite();
    const lan = await makeUser(t.db, { email: INVITEE });
    const almost = new Date(NOW.getTime() + 14 * DAY - 1000);
    const expired = new Date(NOW.getTime() + 14 * DAY);
    expect((await inspectHeatInvitation(await ctxOf(null, almost), token)).ok).toBe(true);
    expect(await inspectHeatInvitation(await ctxOf(null, expired), token)).toEqual({
      ok: false,
      error: { code: "token_expired" },
    });
    const before = await snapshot(t.db);
    expect(await respondToHeatInvitation(await ctxOf(lan, expired), token, true)).toEqual({
      ok: false,
      error: { code: "token_expired" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    // The final's page still lists it, marked expired, so it can be withdrawn or sent again.
    const page = await heatsPage(await ctxOf(organiser, expired), finalId);
    expect(page.ok && (page.value as HeatsPage).invitations.map((i) => i.expired)).toEqual([true]);
  });

  it("counts unknown tokens against the address: past the limit even a good link waits", async () => {
    const { token } = await invite();
    const ip = "203.0.113.9";
    const visitor = await ctxOf(null, NOW, ip);
    for (let i = 0; i < TOKEN_FAILURES_PER_IP.limit; i++)
      expect(await inspectHeatInvitation(visitor, `${"a".repeat(40)}${i}`)).toEqual({
        ok: false,
        error: { code: "token_invalid" },
      });
    expect(await inspectHeatInvitation(visitor, token)).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    const lan = await makeUser(t.db, { email: INVITEE });
    expect(await respondToHeatInvitation(await ctxOf(lan, NOW, ip), token, true)).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
    // Another address is not held back.
    expect((await inspectHeatInvitation(await ctxOf(null, NOW, "198.51.100.4"), token)).ok).toBe(true);
  });
});

describe("the pages, as Remix calls them", () => {
  const heatsPath = `/manage/`;
  const context = loadContext();
  const toastOf = async (response: Response) => {
    const cookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith("trellis_toast="))!
      .split(";")[0]!;
    return (await readToast(get("/", cookie))).toast;
  };

  it("invites from the heats page, answers on the invitation page, and rotates the session on accepting", async () => {
    const cookie = await signInCookie(organiser);
    const params = { contestId: String(finalId) };
    const act = (fields: Record<string, string>, as = cookie) =>
      heatsAction({ request: post(`${heatsPath}${finalId}/heats`, fields, as), context, params }) as Promise<Response>;

    // An address without an account: "Invitation sent to …".
    const invited = await act({ intent: "organiser", heatId: String(heatA), email: INVITEE, name: "Lan", language: "ms" });
    expect(invited.status).toBe(302);
    expect(await toastOf(invited)).toMatchObject({ key: "heats.invitations.sent", params: { email: INVITEE } });
    expect((await mailTo(INVITEE, "heat_organiser.invitation")).language).toBe("ms");
    // An existing account: "… is now an organiser of …".
    const budi = await makeUser(t.db, { email: "budi@example.id", name: "Budi" });
    const added = await act({ intent: "organiser", heatId: String(heatB), email: budi.email });
    expect(await toastOf(added)).toMatchObject({
      key: "heats.invitations.added",
      params: { name: "Budi", heat: "Viet Nam heat" },
    });
    const page = (await heatsLoader({ request: get(`${heatsPath}${finalId}/heats`, cookie), context, params })) as {
      page: HeatsPage;
    };
    expect(page.page.invitations.map((i) => [i.heatId, i.email, i.name])).toEqual([[heatA, INVITEE, "Lan"]]);
    expect(page.page.heats.find((h) => h.id === heatB)!.organisers.map((o) => o.userId)).toEqual([budi.id]);

    // Anyone with the link sees the invitation; the invited account accepts it.
    const token = await linkToken();
    const anonymous = await invitationLoader({ request: get(`/heat-invitations/${token}`), context, params: { token } });
    expect(anonymous).toMatchObject({ invitation: { email: INVITEE, heatName: { en: "Thailand heat" } }, signedInAs: null });
    const lan = await makeUser(t.db, { email: INVITEE });
    const lanCookie = await signInCookie(lan);
    const other = await signInCookie(budi);
    const wrong = await outcome(() =>
      invitationAction({ request: post(`/heat-invitations/${token}`, { answer: "accept" }, other), context, params: { token } }),
    );
    expect(wrong).toMatchObject({ status: 400, value: { message: "invitation_for_other_email" } });
    const accepted = (await invitationAction({
      request: post(`/heat-invitations/${token}`, { answer: "accept" }, lanCookie),
      context,
      params: { token },
    })) as Response;
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe(`/manage/${heatA}`);
    const fresh = accepted.headers
      .getSetCookie()
      .find((c) => c.startsWith("trellis_session="))!
      .split(";")[0]!;
    expect(fresh).not.toBe(lanCookie);
    // The old session ended with the new role; the new one opens the heat's page and not the final's.
    expect(
      (
        await outcome(() =>
          heatsLoader({ request: get(`${heatsPath}${heatA}/heats`, lanCookie), context, params: { contestId: String(heatA) } }),
        )
      ).status,
    ).toBe(302);
    const own = await outcome(() =>
      heatsLoader({ request: get(`${heatsPath}${heatA}/heats`, fresh), context, params: { contestId: String(heatA) } }),
    );
    expect(own.status).toBe(200);
    expect((own.value as { page: { role: string } }).page.role).toBe("heat");
    expect(
      (await outcome(() => heatsLoader({ request: get(`${heatsPath}${finalId}/heats`, fresh), context, params }))).status,
    ).toBe(403);

    // A used link says so.
    const used = await outcome(() =>
      invitationLoader({ request: get(`/heat-invitations/${token}`), context, params: { token } }),
    );
    expect(used).toMatchObject({ status: 400, value: { invitation: null, problem: "token_used" } });
  });

  it("withdraws an invitation from the heats page, and refuses a wrong id with nothing changed", async () => {
    const cookie = await signInCookie(organiser);
    const params = { contestId: String(finalId) };
    const { invitationId, token } = await invite();
    const before = await snapshot(t.db);
    const wrong = await outcome(() =>
      heatsAction({
        request: post(`${heatsPath}${finalId}/heats`, { intent: "revokeOrganiserInvitation", invitationId: "999" }, cookie),
        context,
        params,
      }),
    );
    expect(wrong.status).toBe(400);
    expect(await snapshot(t.db)).toEqual(before);
    const done = (await heatsAction({
      request: post(
        `${heatsPath}${finalId}/heats`,
        { intent: "revokeOrganiserInvitation", invitationId: String(invitationId) },
        cookie,
      ),
      context,
      params,
    })) as Response;
    expect(done.status).toBe(302);
    expect(await toastOf(done)).toMatchObject({ key: "heats.invitations.revokedDone", params: { email: INVITEE } });
    const revoked = await outcome(() =>
      invitationLoader({ request: get(`/heat-invitations/${token}`), context, params: { token } }),
    );
    expect(revoked).toMatchObject({ status: 400, value: { problem: "invitation_revoked" } });
  });
});
