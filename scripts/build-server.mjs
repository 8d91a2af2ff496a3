// Compiles server/index.ts (and the app modules it imports directly: env, database, mail,
// reminders, the demo seed) into one JavaScript file, so production runs plain `node` without a
// TypeScript loader in memory. Packages stay external and load from node_modules.
// Usage: node scripts/build-server.mjs [outfile]   (default: server.js in TRELLIS_BUILD_DIR or build/)
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.resolve(root, process.argv[2] ?? path.join(process.env.TRELLIS_BUILD_DIR || "build", "server.js"));

await build({
  entryPoints: [path.join(root, "server/index.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: path.join(root, "tsconfig.json"),
  sourcemap: true,
  logLevel: "warning",
});
console.log(`Built the server into ${path.relative(root, outfile)}`);
