// Route modules called as Remix calls them: status codes, cookies and guards, on a real database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as signupAction } from "#app/routes/signup";
import { action as loginAction } from "#app/routes/login";
import { action as logoutAction } from "#app/routes/logout";
import { loader as mailboxLoader } from "#app/routes/admin.mailbox._index";
import { loader as settingsLoader, action as settingsAction } from "#app/routes/settings._index";
import { action as setLanguageAction } from "#app/routes/set-language";
import { requireContestRole } from "#app/infra/auth.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { grantRole, makeContest, makeUser, TEST_PASSWORD } from "#tests/support/factories";

let t: TestDb;
beforeEach(() => {
  t = createTestDb({ shareWithApp: true });
});
afterEach(async () => {
  await t.cleanup();
});

const context = { cspNonce: "test", clientIp: "127.0.0.1" };

function post(path: string, fields: Record<string, string>, cookie?: string) {
  return new Request(`http://localhost:3999${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "http://localhost:3999",
      ...(cookie ? { Cookie: cookie } : {}),
    },
  });
}

function get(path: string, cookie?: string) {
  return new Request(`http://localhost:3999${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

type DataReply = { data: { result: { error?: Record<string, string[] | null> } }; init: { status: number } };

async function signInCookie(email: string, password = TEST_PASSWORD): Promise<string> {
  const response = (await loginAction({ request: post("/login", { email, password }), context, params: {} })) as Response;
  expect(response.status).toBe(302);
  const cookies = response.headers.getSetCookie();
  const session = cookies.find((c) => c.startsWith("trellis_session="))!;
  return session.split(";")[0]!;
}

describe("sign-up route", () => {
  it("re-renders with field errors, keeps the input, hides the password, and writes nothing", async () => {
    const before = await snapshot(t.db);
    const reply = (await signupAction({
      request: post("/signup", {
        name: "",
        email: "not-an-email",
        password: "short",
        confirmPassword: "other",
        preferredLanguage: "xx",
        country: "ZZ",
        timeZone: "Mars/Base",
      }),
      context,
      params: {},
    })) as unknown as DataReply & { data: { result: { initialValue?: Record<string, unknown> } } };
    expect(reply.init.status).toBe(400);
    const errors = reply.data.result.error!;
    expect(errors.name).toEqual(["required"]);
    expect(errors.email).toEqual(["email_invalid"]);
    expect(errors.password).toEqual(["password_too_short"]);
    expect(errors.country).toEqual(["invalid_choice"]);
    expect(errors.timeZone).toEqual(["invalid_time_zone"]);
    expect(reply.data.result.initialValue?.email).toBe("not-an-email");
    expect(reply.data.result.initialValue?.password).toBeUndefined();
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("creates the account and signs in with a secure session cookie", async () => {
    const response = (await signupAction({
      request: post("/signup", {
        name: "Siti",
        email: "siti@example.org",
        password: "long enough password",
        confirmPassword: "long enough password",
        preferredLanguage: "id",
        country: "ID",
        timeZone: "Asia/Jakarta",
      }),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    const session = response.headers.getSetCookie().find((c) => c.startsWith("trellis_session="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Expires=/i);
  });
});

describe("sign-in and sign-out routes", () => {
  it("answers a wrong password with 400 and the generic message", async () => {
    await makeUser(t.db, { email: "a@example.org" });
    const reply = (await loginAction({
      request: post("/login", { email: "a@example.org", password: "wrong one" }),
      context,
      params: {},
    })) as unknown as DataReply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.result.error?.password).toEqual(["invalid_credentials"]);
  });

  it("answers too many attempts with 429 and the minutes to wait", async () => {
    await makeUser(t.db, { email: "b@example.org" });
    for (let i = 0; i < 5; i++)
      await loginAction({ request: post("/login", { email: "b@example.org", password: `wrong ${i}` }), context, params: {} });
    const reply = (await loginAction({
      request: post("/login", { email: "b@example.org", password: TEST_PASSWORD }),
      context,
      params: {},
    })) as unknown as DataReply;
    expect(reply.init.status).toBe(429);
    expect(reply.data.result.error?.[""]).toEqual(["rate_limited?minutes=15"]);
  });

  it("redirects only to our own paths after sign-in", async () => {
    await makeUser(t.db, { email: "c@example.org" });
    const ok = (await loginAction({
      request: post("/login", { email: "c@example.org", password: TEST_PASSWORD, redirectTo: "/settings" }),
      context,
      params: {},
    })) as Response;
    expect(ok.headers.get("Location")).toBe("/settings");
    const evil = (await loginAction({
      request: post("/login", { email: "c@example.org", password: TEST_PASSWORD, redirectTo: "//evil.example/x" }),
      context,
      params: {},
    })) as Response;
    expect(evil.headers.get("Location")).toBe("/");
  });

  it("ends the session on sign-out", async () => {
    await makeUser(t.db, { email: "d@example.org" });
    const cookie = await signInCookie("d@example.org");
    expect(await t.db.selectFrom("sessions").selectAll().execute()).toHaveLength(1);
    const response = (await logoutAction({ request: post("/logout", {}, cookie), context, params: {} })) as Response;
    expect(response.status).toBe(302);
    expect(await t.db.selectFrom("sessions").selectAll().execute()).toHaveLength(0);
  });
});

describe("guards", () => {
  it("sends anonymous visitors of a protected page to sign in, with the way back", async () => {
    const thrown = await settingsLoader({ request: get("/settings"), context, params: {} }).catch((r: unknown) => r);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fsettings");
  });

  it("lets only admins read the mailbox", async () => {
    await makeUser(t.db, { email: "founder@example.org" });
    await makeUser(t.db, { email: "admin@example.org", isAdmin: true });
    const founder = await signInCookie("founder@example.org");
    const forbidden = await mailboxLoader({ request: get("/admin/mailbox", founder), context, params: {} }).catch(
      (r: unknown) => r,
    );
    expect((forbidden as Response).status).toBe(403);
    const admin = await signInCookie("admin@example.org");
    const page = await mailboxLoader({ request: get("/admin/mailbox", admin), context, params: {} });
    expect(page.total).toBe(0);
  });

  it("saves the profile only for the signed-in user and refuses a stale version with 409", async () => {
    const user = await makeUser(t.db, { email: "e@example.org" });
    const cookie = await signInCookie("e@example.org");
    const fields = {
      name: "E",
      preferredLanguage: "ms",
      country: "MY",
      timeZone: "Asia/Kuala_Lumpur",
      version: String(user.version),
    };
    const saved = (await settingsAction({ request: post("/settings", fields, cookie), context, params: {} })) as Response;
    expect(saved.status).toBe(302);
    const stale = (await settingsAction({
      request: post("/settings", fields, cookie),
      context,
      params: {},
    })) as unknown as DataReply;
    expect(stale.init.status).toBe(409);
  });

  it("remembers a chosen language in a cookie and in the profile", async () => {
    await makeUser(t.db, { email: "f@example.org" });
    const cookie = await signInCookie("f@example.org");
    const response = (await setLanguageAction({
      request: post("/set-language", { language: "th", redirectTo: "/settings" }, cookie),
      context,
      params: {},
    })) as Response;
    expect(response.headers.get("Location")).toBe("/settings");
    expect(response.headers.get("Set-Cookie")).toMatch(/^lng=/);
    const user = await t.db
      .selectFrom("users")
      .select("preferred_language")
      .where("email", "=", "f@example.org")
      .executeTakeFirstOrThrow();
    expect(user.preferred_language).toBe("th");
  });

  it("checks contest roles per contest, and lets admins act as organisers", async () => {
    const judge = await makeUser(t.db, { email: "judge@example.org" });
    await makeUser(t.db, { email: "root@example.org", isAdmin: true });
    const mine = await makeContest(t.db, "mine");
    const other = await makeContest(t.db, "other");
    await grantRole(t.db, mine.id, judge.id, "judge");
    const judgeCookie = await signInCookie("judge@example.org");
    const ok = await requireContestRole(get("/", judgeCookie), mine.id, ["judge"]);
    expect(ok.user.id).toBe(judge.id);
    const elsewhere = await requireContestRole(get("/", judgeCookie), other.id, ["judge"]).catch((r: unknown) => r);
    expect((elsewhere as Response).status).toBe(403);
    const notOrganiser = await requireContestRole(get("/", judgeCookie), mine.id, ["organiser"]).catch((r: unknown) => r);
    expect((notOrganiser as Response).status).toBe(403);
    const adminCookie = await signInCookie("root@example.org");
    expect((await requireContestRole(get("/", adminCookie), other.id, ["organiser"])).actor.isAdmin).toBe(true);
    const adminAsJudge = await requireContestRole(get("/", adminCookie), other.id, ["judge"]).catch((r: unknown) => r);
    expect((adminAsJudge as Response).status).toBe(403);
  });
});
