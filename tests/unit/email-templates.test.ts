import { describe, expect, it } from "vitest";
import { LANGUAGES } from "#app/domain/locale";
import { escapeHtml, renderEmail } from "#app/infra/mail/templates.server";

describe("email templates", () => {
  it("escapes what it puts into HTML", () => {
    expect(escapeHtml(`<script>"&'`)).toBe("&lt;script&gt;&quot;&amp;&#39;");
    const mail = renderEmail("verify_email", "en", { name: "<b>Eve</b>", url: "http://localhost/verify-email/abc", hours: 48 });
    expect(mail.html).toContain("&lt;b&gt;Eve&lt;/b&gt;");
    expect(mail.html).not.toContain("<b>Eve</b>");
    expect(mail.text).toContain("Hello <b>Eve</b>,");
  });

  it.each([...LANGUAGES])("renders every kind in %s with the link and no missing keys", (language) => {
    const url = "http://localhost:3000/reset-password/token";
    for (const mail of [
      renderEmail("verify_email", language, { name: "Ana", url, hours: 48 }),
      renderEmail("reset_password", language, { name: "Ana", url, minutes: 60 }),
      renderEmail("password_changed", language, { name: "Ana", url }),
      renderEmail("team_invitation", language, { name: "Ana", team: "Coral", inviter: "Budi", url, days: 7 }),
      renderEmail("registration_confirmed", language, {
        name: "Ana",
        team: "Coral",
        contest: "Cup",
        track: "Ocean",
        code: "T-0427",
        url,
      }),
      renderEmail("submission_receipt", language, {
        name: "Ana",
        team: "Coral",
        contest: "Cup",
        round: "Semifinal",
        url,
        items: ["Deck (v2): deck.pdf, SHA-256 abc"],
      }),
    ]) {
      expect(mail.subject).not.toMatch(
        /^(verify_email|reset_password|password_changed|team_invitation|registration_confirmed|submission_receipt)\./,
      );
      expect(mail.text).toContain(url);
      expect(mail.text).toContain("Ana");
      expect(mail.html).toContain(`href="${url}"`);
      expect(mail.text).not.toContain("{{");
    }
  });
});

describe("lists in emails", () => {
  it("puts each item on its own line in text and as an escaped list item in HTML", () => {
    const mail = renderEmail("submission_receipt", "en", {
      name: "Ana",
      team: "Coral <Watch>",
      contest: "Cup",
      round: "Semifinal",
      url: "http://localhost/x",
      items: ["Deck (v2): <deck>.pdf, SHA-256 abc", "Video (v1): https://vimeo.com/1"],
    });
    expect(mail.text).toContain("- Deck (v2): <deck>.pdf, SHA-256 abc\n- Video (v1): https://vimeo.com/1");
    expect(mail.html).toContain("<li");
    expect(mail.html).toContain("&lt;deck&gt;.pdf");
    expect(mail.html).not.toContain("<Watch>");
  });
});
