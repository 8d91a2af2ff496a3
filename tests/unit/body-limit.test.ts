import { describe, expect, it } from "vitest";
import { bodyLimitFor, checkBody } from "#app/domain/body-limit";

const MB = 1024 * 1024;
const limits = { handIn: 201 * MB, checkin: 11 * MB, judgesCsv: 320 * 1024, form: 1 * MB };

describe("bodyLimitFor", () => {
  it("gives the file forms their own limits and every other path the form limit", () => {
    expect(bodyLimitFor("/entries/12/rounds/3", limits)).toBe(limits.handIn);
    expect(bodyLimitFor("/entries/12/rounds/3.data", limits)).toBe(limits.handIn);
    expect(bodyLimitFor("/entries/12/rounds/3/upload", limits)).toBe(limits.handIn);
    expect(bodyLimitFor("/incubation/4/checkins/2027-01", limits)).toBe(limits.checkin);
    expect(bodyLimitFor("/manage/1/judges", limits)).toBe(limits.judgesCsv);
    expect(bodyLimitFor("/login", limits)).toBe(limits.form);
    expect(bodyLimitFor("/entries/12/rounds/3/upload/more", limits)).toBe(limits.form);
    expect(bodyLimitFor("/entries/x/rounds/3", limits)).toBe(limits.form);
    expect(bodyLimitFor("/manage/1/judges/export", limits)).toBe(limits.form);
  });
});

describe("checkBody", () => {
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const multipart = { "content-type": "multipart/form-data; boundary=x" };

  it("lets in forms within the limit and requests without a body", () => {
    expect(checkBody("/login", { ...form, "content-length": "120" }, limits)).toEqual({ ok: true, limit: limits.form });
    expect(checkBody("/login", {}, limits).ok).toBe(true);
    expect(checkBody("/login", { "content-length": "0" }, limits).ok).toBe(true);
    expect(checkBody("/entries/1/rounds/1/upload", { ...multipart, "content-length": String(150 * MB) }, limits).ok).toBe(true);
  });

  it("refuses a body that is not a form with 415", () => {
    expect(checkBody("/login", { "content-type": "application/json", "content-length": "20" }, limits)).toMatchObject({
      ok: false,
      status: 415,
    });
    expect(checkBody("/login", { "content-length": "20" }, limits)).toMatchObject({ ok: false, status: 415 });
    expect(
      checkBody("/login", { "content-type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8", "content-length": "20" }, limits)
        .ok,
    ).toBe(true);
  });

  it("refuses a declared length over the path's limit with 413", () => {
    expect(checkBody("/login", { "content-length": String(MB + 1) }, limits)).toEqual({ ok: false, status: 413, limit: MB });
    expect(checkBody("/incubation/4/checkins/2027-01", { "content-length": String(12 * MB) }, limits)).toMatchObject({
      ok: false,
      status: 413,
    });
  });

  it("refuses a body of unknown or nonsense length with 411", () => {
    expect(checkBody("/entries/1/rounds/1/upload", { "transfer-encoding": "chunked" }, limits)).toMatchObject({
      ok: false,
      status: 411,
    });
    expect(checkBody("/login", { "content-length": "-1" }, limits)).toMatchObject({ ok: false, status: 411 });
    expect(checkBody("/login", { "content-length": "1e9" }, limits)).toMatchObject({ ok: false, status: 411 });
  });
});
