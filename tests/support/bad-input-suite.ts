// The bad-input tests of one group of actions, and the check that every action has a case.
import { afterAll, describe, expect, it } from "vitest";
import { actionCases } from "./bad-input-actions";
import { checkAction, type ActionCase } from "./bad-input";
import { buildWorld } from "./bad-input-world";

/** Every route module of the app (flat files, or folders with a route file), by route name. */
const modules = {
  ...import.meta.glob<Record<string, unknown>>("/app/routes/*.{ts,tsx}"),
  ...import.meta.glob<Record<string, unknown>>("/app/routes/*/route.{ts,tsx}"),
};
export const routeModules: Record<string, () => Promise<Record<string, unknown>>> = Object.fromEntries(
  Object.entries(modules).map(([file, load]) => [file.replace(/^\/app\/routes\//, "").replace(/(\/route)?\.tsx?$/, ""), load]),
);

/** The names of the route modules that export an action. */
export async function routesWithAction(): Promise<string[]> {
  const names: string[] = [];
  for (const [name, load] of Object.entries(routeModules)) if (typeof (await load()).action === "function") names.push(name);
  return names.sort();
}

// Fixed, so a failure repeats; BAD_INPUT_SEED and BAD_INPUT_RUNS explore further by hand.
const BASE_SEED = Number(process.env.BAD_INPUT_SEED ?? 20_261_124);
const seedOf = (c: ActionCase, index: number) =>
  [...`${c.route}#${index}`].reduce((hash, ch) => (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0, BASE_SEED);

export async function badInputSuite(group: ActionCase["group"], options: { numRuns?: number; coverage?: boolean } = {}) {
  const built = await buildWorld();
  afterAll(() => built.cleanup());
  const cases = actionCases(built.world);

  if (options.coverage)
    it("has a case for every route with an action, and none for a route without one", async () => {
      const withAction = await routesWithAction();
      const covered = [...new Set(cases.map((c) => c.route))].sort();
      expect(
        withAction.filter((r) => !covered.includes(r)),
        "actions without a bad-input case",
      ).toEqual([]);
      expect(
        covered.filter((r) => !withAction.includes(r)),
        "cases for routes without an action",
      ).toEqual([]);
    });

  describe(`bad input to the ${group} actions`, () => {
    cases.forEach((c, index) => {
      if (c.group !== group) return;
      const name = `${c.route}${c.as ? ` as ${c.as}` : " signed out"}${c.accept ? ` (${c.accept})` : ""}`;
      it(name, { timeout: 600_000 }, async () => {
        const load = routeModules[c.route];
        expect(load, `app/routes/${c.route} exists`).toBeDefined();
        const action = (await load!()).action as Parameters<typeof checkAction>[1];
        await checkAction(c, action, built.template, built.world, {
          seed: seedOf(c, index),
          numRuns: Number(process.env.BAD_INPUT_RUNS ?? options.numRuns ?? 40),
        });
      });
    });
  });
}
