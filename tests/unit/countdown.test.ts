// The hand-in page's countdown: which units it shows, when its text next changes, the clock
// correction, and the words in two languages.
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { timeLeftText } from "#app/components/submit/Countdown";
import { clockOffset, countdownView, nextChangeIn, remainingUntil } from "#app/domain/countdown";
import { i18nConfig } from "#app/i18n";
import { resources } from "#locales/index";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("countdownView", () => {
  it.each([
    // remaining, expected parts
    [
      2 * DAY + 3 * HOUR + 59 * MINUTE,
      [
        ["day", 2],
        ["hour", 3],
      ],
    ],
    [2 * DAY + 30 * MINUTE, [["day", 2]]],
    [DAY, [["day", 1]]],
    [
      DAY - SECOND,
      [
        ["hour", 23],
        ["minute", 59],
      ],
    ],
    // Seconds round up, so the last millisecond of a whole day still reads as that day.
    [DAY - 1, [["day", 1]]],
    [
      3 * HOUR + 5 * MINUTE + 40 * SECOND,
      [
        ["hour", 3],
        ["minute", 5],
      ],
    ],
    [HOUR, [["hour", 1]]],
    [
      HOUR - SECOND,
      [
        ["minute", 59],
        ["second", 59],
      ],
    ],
    [45 * MINUTE, [["minute", 45]]],
    [
      4 * MINUTE + 5 * SECOND,
      [
        ["minute", 4],
        ["second", 5],
      ],
    ],
    [59 * SECOND, [["second", 59]]],
    // Part of a second still left counts as a second: the window is open until it is not.
    [1, [["second", 1]]],
  ])("shows %i ms as %j", (remaining, parts) => {
    expect(countdownView(remaining)).toEqual({
      closed: false,
      parts: parts.map(([unit, count]) => ({ unit, count })),
    });
  });

  it("is closed at zero and after", () => {
    expect(countdownView(0)).toEqual({ closed: true });
    expect(countdownView(-5 * MINUTE)).toEqual({ closed: true });
    expect(countdownView(Number.NaN)).toEqual({ closed: true });
  });
});

describe("nextChangeIn", () => {
  it("wakes every second in the last hour, exactly when the seconds change", () => {
    expect(nextChangeIn(4 * MINUTE + 5 * SECOND)).toBe(SECOND);
    expect(nextChangeIn(4 * MINUTE + 5 * SECOND - 250)).toBe(750);
    expect(nextChangeIn(HOUR)).toBe(SECOND);
    expect(nextChangeIn(300)).toBe(300);
  });

  it("wakes when the minutes change before that", () => {
    // 3 h 5 min 40 s: "3 hours 5 minutes" until 3 h 4 min 59 s, i.e. 41 s from now.
    expect(nextChangeIn(3 * HOUR + 5 * MINUTE + 40 * SECOND)).toBe(41 * SECOND);
    expect(nextChangeIn(2 * DAY)).toBe(SECOND);
    // From 1 h 0 min 30 s to 59 min 59 s: the switch to seconds comes on time.
    expect(nextChangeIn(HOUR + 30 * SECOND)).toBe(31 * SECOND);
  });

  it("agrees with countdownView: the text is unchanged until the wake-up, then changes", () => {
    for (const remaining of [2 * DAY + 17, 3 * HOUR + 5 * MINUTE + 40 * SECOND, HOUR + 30 * SECOND, 90 * SECOND + 400, 1500]) {
      const delay = nextChangeIn(remaining)!;
      expect(countdownView(remaining - delay + 1)).toEqual(countdownView(remaining));
      expect(countdownView(remaining - delay)).not.toEqual(countdownView(remaining));
    }
  });

  it("stops once closed", () => {
    expect(nextChangeIn(0)).toBeNull();
    expect(nextChangeIn(-1)).toBeNull();
  });
});

describe("the clock", () => {
  it("measures time to the deadline and the server's lead over the browser", () => {
    const deadline = "2027-02-15T10:00:00.000Z";
    expect(remainingUntil(deadline, Date.parse("2027-02-15T09:59:00.000Z"))).toBe(MINUTE);
    expect(remainingUntil(deadline, Date.parse("2027-02-15T10:00:01.000Z"))).toBe(-SECOND);
    // The browser runs 90 s slow.
    expect(clockOffset("2027-02-15T10:00:00.000Z", Date.parse("2027-02-15T09:58:30.000Z"))).toBe(90 * SECOND);
    expect(clockOffset("not a date", 123)).toBe(0);
  });
});

describe("timeLeftText", () => {
  async function translator(lng: "en" | "zh-CN" | "th") {
    const instance = i18next.createInstance();
    await instance.init({ ...i18nConfig, lng, resources: { [lng]: resources[lng] } });
    return instance.t;
  }

  it("uses each language's words and plurals", async () => {
    const en = await translator("en");
    expect(timeLeftText(en, 2 * DAY + 3 * HOUR)).toBe("2 days 3 hours left");
    expect(timeLeftText(en, DAY + HOUR)).toBe("1 day 1 hour left");
    expect(timeLeftText(en, 45 * MINUTE)).toBe("45 minutes left");
    expect(timeLeftText(en, MINUTE + SECOND)).toBe("1 minute 1 second left");
    expect(timeLeftText(en, 0)).toBe("");
    const zh = await translator("zh-CN");
    expect(timeLeftText(zh, 2 * DAY + 3 * HOUR)).toBe("还剩 2 天 3 小时");
    const th = await translator("th");
    expect(timeLeftText(th, 45 * MINUTE)).toBe("เหลืออีก 45 นาที");
  });
});
