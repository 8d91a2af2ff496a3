// `npm run test:crash`: the server killed under a mixed write load (tests/crash), against the built
// server (`npm run build` first; npm test runs it after the end-to-end tests, which build).
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/crash/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    reporters: ["default", ["json", { outputFile: "test-results/vitest-crash.json" }]],
    pool: "forks",
  },
});
