// The app's routes as Remix itself lists them: app/routes.ts evaluated the way the Vite plugin does
// (the route-config app directory set first, so `flatRoutes()` reads app/routes/), then turned into
// Remix's route manifest, with each route's full URL pattern and its module's exports.
import path from "node:path";
import {
  configRoutesToRouteManifest,
  setRouteConfigAppDirectory,
  validateRouteConfig,
} from "@remix-run/dev/dist/config/routes.js";

export interface AppRoute {
  /** Remix's route id, e.g. `routes/teams.$teamId`. */
  id: string;
  /** The module, relative to app/. */
  file: string;
  /** The full URL pattern, parents included, e.g. `/teams/:teamId`. */
  pattern: string;
}

export const APP_DIRECTORY = path.resolve("app");

export async function appRoutes(): Promise<AppRoute[]> {
  setRouteConfigAppDirectory(APP_DIRECTORY);
  const routeConfig = await (await import("#app/routes")).default;
  const checked = validateRouteConfig({ routeConfigFile: "routes.ts", routeConfig });
  if (!checked.valid) throw new Error(checked.message);
  const manifest = configRoutesToRouteManifest(routeConfig);
  const patternOf = (id: string | undefined): string => {
    const route = id ? manifest[id] : undefined;
    if (!route) return "";
    const own = route.path ? `/${route.path}` : "";
    return `${patternOf(route.parentId)}${own}`;
  };
  return Object.values(manifest)
    .map((route) => ({ id: route.id, file: route.file, pattern: patternOf(route.id) || "/" }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The URL of a route for some params: `:name` segments filled in, each one required. */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${pattern}`);
    return encodeURIComponent(value);
  });
}
