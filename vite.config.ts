import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { port: 3000 },
  build: { target: "es2022" },
  // Found up front so the first page in development does not wait for a re-optimisation and reload.
  optimizeDeps: {
    include: ["@conform-to/react", "@conform-to/zod", "zod", "i18next", "react-i18next", "react-dom/client"],
  },
  plugins: [remix(remixConfig), tsconfigPaths()],
});
