// What each HTTP measurement asks for: the pages a judge, a team and an organiser open, as a
// browser sends them (session cookie, gzip, a language), spread over many users and entries.
import type { Manifest } from "./generate";
import type { Plan, PlainRequest } from "./load";
import { makeRandom } from "./text";

export type Measurement =
  "judge_home" | "scoring_page" | "draft_save" | "team_dashboard" | "registration_list" | "progress_matrix" | "ranking_page";

/** Offered rates standing for a real contest's peak (issue 9). */
export const OFFERED_RPS: Record<Measurement, number> = {
  judge_home: 300,
  scoring_page: 300,
  draft_save: 500,
  team_dashboard: 300,
  registration_list: 300,
  progress_matrix: 300,
  ranking_page: 300,
};

const BROWSER = {
  "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "Accept-Encoding": "gzip, deflate, br",
  "Accept-Language": "en-GB,en;q=0.9",
};

const page = (path: string, cookie: string): PlainRequest => ({ method: "GET", path, headers: { ...BROWSER, Cookie: cookie } });

function shuffled<T>(items: T[], seed: number): T[] {
  const random = makeRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The requests of one measurement. `drafts` carries the draft reviews' current versions from one
 * run to the next (each successful save moves a version on).
 */
export function planFor(name: Measurement, m: Manifest, origin: string, draftVersions: number[], seed: number): Plan {
  const random = makeRandom(seed);
  const manage = `/manage/${m.contestId}`;
  const organiser = m.organiser.cookie;
  switch (name) {
    case "judge_home":
      return { kind: "rotate", items: shuffled(m.judges, seed).map((j) => page("/judging", j.cookie)) };
    case "scoring_page":
      return {
        kind: "rotate",
        items: shuffled(m.scoring, seed).map((s) => page(`/reviews/${s.assignmentId}`, m.judges[s.judge]!.cookie)),
      };
    case "draft_save":
      return {
        kind: "drafts",
        target: "app",
        origin,
        criteria: m.criteria,
        seed,
        items: m.drafts.map((d, i) => ({
          path: `/reviews/${d.assignmentId}`,
          cookie: m.judges[d.judge]!.cookie,
          version: draftVersions[i]!,
        })),
      };
    case "team_dashboard":
      return { kind: "rotate", items: shuffled(m.leads, seed).map((l) => page(`/teams/${l.teamId}`, l.cookie)) };
    case "registration_list": {
      // An organiser narrowing the list (track, country, stage, women-led, a search) and paging on.
      const entries = m.counts.entries ?? 1;
      const items: PlainRequest[] = [];
      for (let i = 0; i < 400; i++) {
        const query = new URLSearchParams();
        const shape = i % 5;
        if (shape === 0 || shape === 2) query.set("track", String(random.pick(m.trackIds)));
        if (shape === 1 || shape === 2) query.set("country", random.pick(m.countries));
        if (shape === 3) {
          query.set("stage", random.pick(["idea", "prototype", "early_revenue", "growth"]));
          query.set("womenLed", "yes");
        }
        if (shape === 4) query.set("q", random.pick(["Green", "Lotus", "Mekong", "Labs", "Harvest"]));
        if (i % 2 === 1) query.set("after", String(random.int(1, entries)));
        items.push(page(`${manage}/registrations?${query.toString()}`, organiser));
      }
      return { kind: "rotate", items };
    }
    case "progress_matrix": {
      // Paged 50 entries at a time, by track, by review status, or both.
      const perTrack = Math.max(1, Math.ceil((m.counts.entries ?? 1) / m.trackIds.length / 50));
      const items: PlainRequest[] = [];
      for (let i = 0; i < 400; i++) {
        const query = new URLSearchParams();
        if (i % 3 !== 1) query.set("track", String(random.pick(m.trackIds)));
        if (i % 3 !== 0) query.set("status", random.pick(["draft", "submitted", "not_started"]));
        query.set("page", String(random.int(1, i % 3 === 1 ? 3 : perTrack)));
        items.push(page(`${manage}/rounds/${m.roundId}/assignments?${query.toString()}`, organiser));
      }
      return { kind: "rotate", items };
    }
    case "ranking_page": {
      // The organiser reading the ranking: every track's top 50, one track paged on, the flagged
      // entries, by the round's method and now and then by another.
      const perTrack = Math.max(1, Math.ceil((m.counts.entries ?? 1) / m.trackIds.length / 50));
      const items: PlainRequest[] = [];
      for (let i = 0; i < 200; i++) {
        const query = new URLSearchParams();
        if (i % 10 === 9) query.set("method", random.pick(["mean", "median"]));
        if (i % 4 !== 0) {
          query.set("track", String(random.pick(m.trackIds)));
          query.set("page", String(random.int(1, perTrack)));
        }
        if (i % 7 === 3) query.set("flagged", "1");
        const search = query.toString();
        items.push(page(`${manage}/rounds/${m.roundId}/results${search ? `?${search}` : ""}`, organiser));
      }
      return { kind: "rotate", items };
    }
  }
}

/** The floor serves the judge's three requests under the same paths, answering JSON. */
export function floorPlanFor(
  name: "judge_home" | "scoring_page" | "draft_save",
  m: Manifest,
  origin: string,
  draftVersions: number[],
  seed: number,
): Plan {
  const plan = planFor(name, m, origin, draftVersions, seed);
  return plan.kind === "drafts" ? { ...plan, target: "floor" } : plan;
}
