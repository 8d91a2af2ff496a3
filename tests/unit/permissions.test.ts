import { describe, expect, it } from "vitest";
import { can, type Actor } from "#app/domain/permissions";

const actor = (over: Partial<Actor> = {}): Actor => ({
  userId: 1,
  isAdmin: false,
  emailVerified: true,
  contestRoles: [],
  teams: [],
  ...over,
});

describe("can", () => {
  it("gives nobody anything when signed out", () => {
    expect(can(null, { type: "admin.mailbox.read" })).toBe(false);
    expect(can(null, { type: "contest.manage", contestId: 1 })).toBe(false);
  });
  it("lets only admins read the mailbox", () => {
    expect(can(actor({ isAdmin: true }), { type: "admin.mailbox.read" })).toBe(true);
    expect(can(actor(), { type: "admin.mailbox.read" })).toBe(false);
  });
  it("scopes contest roles to their contest", () => {
    const organiser = actor({ contestRoles: [{ contestId: 7, role: "organiser" }] });
    expect(can(organiser, { type: "contest.manage", contestId: 7 })).toBe(true);
    expect(can(organiser, { type: "contest.manage", contestId: 8 })).toBe(false);
    expect(can(organiser, { type: "contest.judge", contestId: 7 })).toBe(false);
    const judge = actor({ contestRoles: [{ contestId: 7, role: "judge" }] });
    expect(can(judge, { type: "contest.judge", contestId: 7 })).toBe(true);
    expect(can(judge, { type: "contest.manage", contestId: 7 })).toBe(false);
  });
  it("lets admins and existing organisers create contests, and nobody else", () => {
    expect(can(actor({ isAdmin: true }), { type: "contest.create" })).toBe(true);
    expect(can(actor({ contestRoles: [{ contestId: 1, role: "organiser" }] }), { type: "contest.create" })).toBe(true);
    expect(can(actor({ contestRoles: [{ contestId: 1, role: "judge" }] }), { type: "contest.create" })).toBe(false);
    expect(can(actor(), { type: "contest.create" })).toBe(false);
  });
  it("lets a lead manage the team and a member only read it", () => {
    const member = actor({ teams: [{ teamId: 3, role: "member" }] });
    expect(can(member, { type: "team.read", teamId: 3 })).toBe(true);
    expect(can(member, { type: "team.manage", teamId: 3 })).toBe(false);
    expect(can(member, { type: "team.read", teamId: 4 })).toBe(false);
    expect(can(actor({ teams: [{ teamId: 3, role: "lead" }] }), { type: "team.manage", teamId: 3 })).toBe(true);
  });
  it("lets users change only their own profile", () => {
    expect(can(actor(), { type: "user.update", userId: 1 })).toBe(true);
    expect(can(actor(), { type: "user.update", userId: 2 })).toBe(false);
  });
});
