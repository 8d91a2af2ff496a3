import { describe, expect, it } from "vitest";
import { detectConflicts, emailDomain, organisationKey } from "#app/domain/conflicts";

describe("conflict detection", () => {
  const team = (entryId: number, organisation: string | null, memberEmails: string[], memberUserIds: number[] = []) => ({
    entryId,
    organisation,
    memberEmails,
    memberUserIds,
  });

  it("folds organisation names", () => {
    expect(organisationKey("Mekong Ventures Pte. Ltd.")).toBe("mekong ventures");
    expect(organisationKey("MEKONG  VENTURES")).toBe("mekong ventures");
    expect(organisationKey("南宁科技有限公司")).toBe("南宁科技");
    expect(organisationKey(null)).toBe("");
  });

  it("reads the domain of an address", () => {
    expect(emailDomain("Ana@Mail.Example.COM")).toBe("example.com");
    expect(emailDomain("nobody")).toBe("");
  });

  it("finds the same organisation, a shared company domain and membership", () => {
    const judge = { userId: 7, email: "li@mekong.vc", organisation: "Mekong Ventures Ltd" };
    expect(
      detectConflicts(judge, [
        team(1, "Mekong Ventures", ["a@startup.io"]),
        team(2, "Other", ["b@mekong.vc"]),
        team(3, null, ["c@startup.io"], [7]),
        team(4, "Unrelated", ["d@startup.io"], [8]),
      ]),
    ).toEqual([
      { entryId: 1, reason: "same_organisation" },
      { entryId: 2, reason: "same_email_domain" },
      { entryId: 3, reason: "team_member" },
    ]);
  });

  it("ignores public mail providers and empty organisations", () => {
    const judge = { userId: 7, email: "judge@gmail.com", organisation: null };
    expect(detectConflicts(judge, [team(1, null, ["founder@gmail.com"]), team(2, "", ["x@qq.com"])])).toEqual([]);
  });

  it("ignores domains reserved for tests, such as the demo accounts' one", () => {
    const judge = { userId: 7, email: "judge1@demo.trellis.test", organisation: null };
    expect(detectConflicts(judge, [team(1, null, ["founder1@demo.trellis.test"]), team(2, null, ["a@site.example"])])).toEqual(
      [],
    );
  });
});
