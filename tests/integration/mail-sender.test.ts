// The outbox sender against a real SMTP server: delivery, and retry with backoff when it is down.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backoffMs, createSmtpTransport, deliverDueMail, MAX_ATTEMPTS } from "#app/infra/mail/sender.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import { createTestDb, type TestDb } from "#tests/support/db";
import { startSmtpCatcher } from "#tests/support/smtp";

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const now = new Date("2026-11-24T04:00:00.000Z");

async function queue(address: string) {
  await t.db.transaction().execute((trx) =>
    enqueueMail(trx, {
      kind: "password_changed",
      to: { address, name: "Ana", language: "id" },
      params: { name: "Ana", url: "http://localhost:3999/forgot-password" },
      now,
    }),
  );
}

describe("mail sender", () => {
  it("backs off 1, 2, 4 … minutes up to an hour", () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => backoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 60, 60, 60]);
  });

  it("keeps a message pending with the error when SMTP is down, then delivers it later", async () => {
    await queue("ana@example.org");
    // Nothing listens on this port.
    const dead = createSmtpTransport("smtp://127.0.0.1:9");
    expect(await deliverDueMail(t.db, dead, { from: "t@trellis.test", now })).toEqual({ sent: 0, failed: 1 });
    const row = await t.db.selectFrom("outbox_messages").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: "pending",
      attempts: 1,
      next_attempt_at: new Date(now.getTime() + 60_000).toISOString(),
    });
    expect(row.last_error).toBeTruthy();

    // Not due yet: nothing is tried.
    const smtp = await startSmtpCatcher();
    const live = createSmtpTransport(smtp.url);
    expect(await deliverDueMail(t.db, live, { from: "t@trellis.test", now: new Date(now.getTime() + 30_000) })).toEqual({
      sent: 0,
      failed: 0,
    });
    expect(await deliverDueMail(t.db, live, { from: "t@trellis.test", now: new Date(now.getTime() + 61_000) })).toEqual({
      sent: 1,
      failed: 0,
    });
    const mail = await smtp.waitFor(() => true);
    expect(mail.subject).toBeTruthy();
    expect(mail.text).toContain("Ana");
    expect((await t.db.selectFrom("outbox_messages").select(["status", "attempts"]).executeTakeFirstOrThrow()).status).toBe(
      "sent",
    );
    live.close();
    dead.close();
    await smtp.close();
  });

  it("gives up after the last attempt", async () => {
    await queue("never@example.org");
    await t.db
      .updateTable("outbox_messages")
      .set({ attempts: MAX_ATTEMPTS - 1 })
      .execute();
    const dead = createSmtpTransport("smtp://127.0.0.1:9");
    await deliverDueMail(t.db, dead, { from: "t@trellis.test", now });
    expect((await t.db.selectFrom("outbox_messages").select("status").executeTakeFirstOrThrow()).status).toBe("failed");
    dead.close();
  });

  it("writes nothing when the transaction that queued the mail rolls back", async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, {
          kind: "password_changed",
          to: { address: "rolled@example.org", language: "en" },
          params: { name: "X", url: "http://localhost:3999/forgot-password" },
          now,
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await t.db.selectFrom("outbox_messages").selectAll().execute()).toEqual([]);
  });
});
