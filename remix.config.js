// Remix options, read by vite.config.ts. The v3 future flags are on so that moving to
// React Router 7 later is a codemod, not a rewrite.
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  appDirectory: "app",
  // TRELLIS_BUILD_DIR lets `npm run bench` build beside, never over, the build/ that others serve.
  buildDirectory: process.env.TRELLIS_BUILD_DIR || "build",
  serverModuleFormat: "esm",
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
    v3_routeConfig: true,
  },
};
