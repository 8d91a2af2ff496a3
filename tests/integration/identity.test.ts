// Identity services against a real SQLite file and a real SMTP exchange on 127.0.0.1.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSmtpTransport, deliverDueMail } from "#app/infra/mail/sender.server";
import { validateSessionToken } from "#app/infra/session.server";
import { signUp, signIn, signOutEverywhere, rotateSession } from "#app/services/identity.server";
import {
  changePassword,
  requestPasswordReset,
  resetPassword,
  updateProfile,
  verifyEmail,
  inspectResetToken,
} from "#app/services/account.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { makeCtx, makeUser, TEST_PASSWORD } from "#tests/support/factories";
import { linkIn, startSmtpCatcher, type SmtpCatcher } from "#tests/support/smtp";

let t: TestDb;
let smtp: SmtpCatcher;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(() => {
  t = createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const newUser = {
  name: "Nguyen Van An",
  email: "An.Nguyen@Example.org",
  password: "a long enough password",
  confirmPassword: "a long enough password",
  preferredLanguage: "vi" as const,
  country: "VN",
  timeZone: "Asia/Ho_Chi_Minh",
};

async function deliver() {
  const transport = createSmtpTransport(smtp.url);
  const report = await deliverDueMail(t.db, transport, { from: "Trellis <no-reply@trellis.test>", now: new Date() });
  transport.close();
  return report;
}

describe("sign up and email verification", () => {
  it("creates the user, a session, and a verification email delivered over SMTP in the user's language", async () => {
    const ctx = await makeCtx(t.db, null);
    const result = await signUp(ctx, { ...newUser, email: newUser.email.toLowerCase() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.user.email).toBe("an.nguyen@example.org");
    expect(result.value.user.email_verified_at).toBeNull();
    expect(result.value.user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await validateSessionToken(t.db, result.value.token, new Date())).not.toBeNull();

    const outbox = await t.db.selectFrom("outbox_messages").selectAll().execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      kind: "verify_email",
      to_address: "an.nguyen@example.org",
      language: "vi",
      status: "pending",
    });

    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    const mail = await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes("an.nguyen@example.org"));
    const link = linkIn(mail, "http://localhost:3999/verify-email/");
    expect((await t.db.selectFrom("outbox_messages").select("status").executeTakeFirstOrThrow()).status).toBe("sent");

    // Only the hash of the token is stored.
    const token = link.split("/").pop()!;
    const stored = await t.db.selectFrom("email_tokens").select("token_hash").executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    const verified = await verifyEmail(await makeCtx(t.db, null), token);
    expect(verified.ok).toBe(true);
    const user = await t.db.selectFrom("users").selectAll().executeTakeFirstOrThrow();
    expect(user.email_verified_at).not.toBeNull();

    // Single use.
    const again = await verifyEmail(await makeCtx(t.db, null), token);
    expect(again).toEqual({ ok: false, error: { code: "token_used" } });
  });

  it("refuses a second account with the same email and changes nothing", async () => {
    await makeUser(t.db, { email: "taken@example.org" });
    const before = await snapshot(t.db);
    const result = await signUp(await makeCtx(t.db, null), { ...newUser, email: "taken@example.org" });
    expect(result).toEqual({ ok: false, error: { code: "email_taken", field: "email" } });
    const after = await snapshot(t.db);
    expect(after.users).toEqual(before.users);
    expect(after.outbox_messages).toEqual(before.outbox_messages);
    expect(after.sessions).toEqual(before.sessions);
  });

  it("refuses an expired verification link", async () => {
    const ctx = await makeCtx(t.db, null);
    await signUp(ctx, { ...newUser, email: "late@example.org" });
    await deliver();
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes("late@example.org"));
    const token = linkIn(mail, "http://localhost:3999/verify-email/").split("/").pop()!;
    const later = await makeCtx(t.db, null, { now: new Date(Date.now() + 49 * 3_600_000) });
    expect(await verifyEmail(later, token)).toEqual({ ok: false, error: { code: "token_expired" } });
    expect(await verifyEmail(ctx, "not-a-token")).toEqual({ ok: false, error: { code: "token_invalid" } });
  });
});

describe("sign in", () => {
  it("signs in with the right password and makes a new session each time", async () => {
    const user = await makeUser(t.db, { email: "judge@example.org" });
    const ctx = await makeCtx(t.db, null);
    const a = await signIn(ctx, { email: "JUDGE@example.org", password: TEST_PASSWORD });
    const b = await signIn(ctx, { email: "judge@example.org", password: TEST_PASSWORD });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.user.id).toBe(user.id);
    expect(a.value.session.id).not.toBe(b.value.session.id);
    const row = await t.db.selectFrom("sessions").selectAll().where("id", "=", a.value.session.id).executeTakeFirstOrThrow();
    // The database holds a 32-byte hash, never the secret.
    expect(row.secret_hash.byteLength).toBe(32);
    expect(a.value.token.split(".")[1]).not.toBe(row.secret_hash.toString("hex"));
  });

  it("refuses a wrong password and an unknown account alike", async () => {
    await makeUser(t.db, { email: "founder@example.org" });
    const ctx = await makeCtx(t.db, null);
    expect(await signIn(ctx, { email: "founder@example.org", password: "wrong password!" })).toEqual({
      ok: false,
      error: { code: "invalid_credentials", field: "password" },
    });
    expect(await signIn(ctx, { email: "nobody@example.org", password: "wrong password!" })).toEqual({
      ok: false,
      error: { code: "invalid_credentials", field: "password" },
    });
  });

  it("locks an account after five failures and says for how long, even for the right password", async () => {
    await makeUser(t.db, { email: "target@example.org" });
    const ctx = await makeCtx(t.db, null);
    for (let i = 0; i < 5; i++) await signIn(ctx, { email: "target@example.org", password: "guess number " + i });
    const locked = await signIn(ctx, { email: "target@example.org", password: TEST_PASSWORD });
    expect(locked).toEqual({ ok: false, error: { code: "rate_limited", params: { minutes: 15 } } });
    // Sixteen minutes later the window has passed.
    const later = await makeCtx(t.db, null, { now: new Date(Date.now() + 16 * 60_000) });
    expect((await signIn(later, { email: "target@example.org", password: TEST_PASSWORD })).ok).toBe(true);
  });

  it("limits one address trying many accounts", async () => {
    const ctx = await makeCtx(t.db, null, { ip: "203.0.113.9" });
    for (let i = 0; i < 30; i++) await signIn(ctx, { email: `spray${i}@example.org`, password: "password123" });
    const result = await signIn(ctx, { email: "someone-else@example.org", password: "password123" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("rate_limited");
    const otherIp = await signIn(await makeCtx(t.db, null, { ip: "203.0.113.10" }), {
      email: "x@example.org",
      password: "password123",
    });
    if (!otherIp.ok) expect(otherIp.error.code).toBe("invalid_credentials");
  });
});

describe("sessions", () => {
  it("refreshes last_verified_at at most hourly and expires after ten idle days", async () => {
    const user = await makeUser(t.db);
    const result = await signIn(await makeCtx(t.db, null), { email: user.email, password: TEST_PASSWORD });
    if (!result.ok) throw new Error("sign-in failed");
    const { token, session } = result.value;
    const created = new Date(session.created_at).getTime();

    const inHalfAnHour = await validateSessionToken(t.db, token, new Date(created + 30 * 60_000));
    expect(inHalfAnHour?.last_verified_at).toBe(session.created_at);
    const inTwoHours = await validateSessionToken(t.db, token, new Date(created + 2 * 3_600_000));
    expect(inTwoHours?.last_verified_at).toBe(new Date(created + 2 * 3_600_000).toISOString());

    // Ten days after the last check (not after creation) it is gone, and deleted.
    expect(await validateSessionToken(t.db, token, new Date(created + 2 * 3_600_000 + 10 * 86_400_000))).toBeNull();
    expect(await t.db.selectFrom("sessions").selectAll().where("id", "=", session.id).executeTakeFirst()).toBeUndefined();
  });

  it("refuses a token whose secret does not match", async () => {
    const user = await makeUser(t.db);
    const result = await signIn(await makeCtx(t.db, null), { email: user.email, password: TEST_PASSWORD });
    if (!result.ok) throw new Error("sign-in failed");
    const [id] = result.value.token.split(".");
    expect(await validateSessionToken(t.db, `${id}.${"a".repeat(24)}`, new Date())).toBeNull();
  });

  it("rotates a session on a change of privilege", async () => {
    const user = await makeUser(t.db);
    const ctx = await makeCtx(t.db, user);
    const first = await signIn(ctx, { email: user.email, password: TEST_PASSWORD });
    if (!first.ok) throw new Error("sign-in failed");
    const next = await rotateSession(ctx, user.id, first.value.session.id);
    expect(await validateSessionToken(t.db, first.value.token, new Date())).toBeNull();
    expect(await validateSessionToken(t.db, next.token, new Date())).not.toBeNull();
  });

  it("signs out everywhere", async () => {
    const user = await makeUser(t.db);
    const anon = await makeCtx(t.db, null);
    const tokens = [];
    for (let i = 0; i < 3; i++) {
      const r = await signIn(anon, { email: user.email, password: TEST_PASSWORD });
      if (r.ok) tokens.push(r.value.token);
    }
    const other = await makeUser(t.db);
    const theirs = await signIn(anon, { email: other.email, password: TEST_PASSWORD });
    expect(await signOutEverywhere(await makeCtx(t.db, user))).toEqual({ ok: true, value: { ended: 3 } });
    for (const token of tokens) expect(await validateSessionToken(t.db, token, new Date())).toBeNull();
    if (theirs.ok) expect(await validateSessionToken(t.db, theirs.value.token, new Date())).not.toBeNull();
  });
});

describe("password reset and change", () => {
  it("sends a single-use link that expires after an hour and ends every session", async () => {
    const user = await makeUser(t.db, { email: "forgetful@example.org", language: "th" });
    const anon = await makeCtx(t.db, null);
    const old = await signIn(anon, { email: user.email, password: TEST_PASSWORD });
    expect(await requestPasswordReset(anon, "forgetful@example.org")).toEqual({ ok: true, value: null });
    // An unknown address gets the same answer and no email.
    expect(await requestPasswordReset(anon, "unknown@example.org")).toEqual({ ok: true, value: null });
    await deliver();
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes("forgetful@example.org"));
    expect(smtp.messages.some((m) => JSON.stringify(m.to).includes("unknown@example.org"))).toBe(false);
    expect(mail.headers.get("content-language")).toBe("th");
    const token = linkIn(mail, "http://localhost:3999/reset-password/").split("/").pop()!;

    const late = await makeCtx(t.db, null, { now: new Date(Date.now() + 61 * 60_000) });
    expect(await inspectResetToken(late, token)).toEqual({ ok: false, error: { code: "token_expired" } });

    const reset = await resetPassword(anon, token, "a brand new passphrase");
    expect(reset.ok).toBe(true);
    if (old.ok) expect(await validateSessionToken(t.db, old.value.token, new Date())).toBeNull();
    expect(await resetPassword(anon, token, "another passphrase!")).toEqual({ ok: false, error: { code: "token_used" } });
    expect((await signIn(anon, { email: user.email, password: "a brand new passphrase" })).ok).toBe(true);
  });

  it("changes the password only with the current one, and revokes every session", async () => {
    const user = await makeUser(t.db);
    const ctx = await makeCtx(t.db, user);
    const s1 = await signIn(ctx, { email: user.email, password: TEST_PASSWORD });
    const before = await snapshot(t.db);
    expect(await changePassword(ctx, { currentPassword: "not it at all", password: "new password here" })).toEqual({
      ok: false,
      error: { code: "wrong_password", field: "currentPassword" },
    });
    expect((await snapshot(t.db)).users).toEqual(before.users);

    const changed = await changePassword(ctx, { currentPassword: TEST_PASSWORD, password: "new password here" });
    expect(changed.ok).toBe(true);
    if (s1.ok) expect(await validateSessionToken(t.db, s1.value.token, new Date())).toBeNull();
    if (changed.ok) expect(await validateSessionToken(t.db, changed.value.token, new Date())).not.toBeNull();
    const kinds = await t.db.selectFrom("outbox_messages").select("kind").execute();
    expect(kinds.map((k) => k.kind)).toContain("password_changed");
  });
});

describe("profile", () => {
  it("saves with the current version and refuses a stale one", async () => {
    const user = await makeUser(t.db);
    const ctx = await makeCtx(t.db, user);
    const input = {
      name: "New Name",
      preferredLanguage: "zh-TW" as const,
      country: "TW",
      timeZone: "Asia/Taipei",
      version: user.version,
    };
    const saved = await updateProfile(ctx, input);
    expect(saved.ok).toBe(true);
    if (saved.ok) expect(saved.value).toMatchObject({ name: "New Name", preferred_language: "zh-TW", version: user.version + 1 });
    const before = await snapshot(t.db);
    expect(await updateProfile(ctx, { ...input, name: "Stale" })).toEqual({
      ok: false,
      error: { code: "changed_by_someone_else" },
    });
    expect((await snapshot(t.db)).users).toEqual(before.users);
    const audit = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "user.profile_updated").execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ name: "New Name" });
  });
});

describe("audit log", () => {
  it("cannot be edited or deleted", async () => {
    await signUp(await makeCtx(t.db, null), { ...newUser, email: "audited@example.org" });
    await expect(t.db.updateTable("audit_events").set({ action: "x" }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom("audit_events").execute()).rejects.toThrow(/append-only/);
  });
});
