// The HTTP server: validates the environment, migrates (and seeds the demo on an empty
// development database), then serves Remix behind security headers and the Origin check.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { EnvError, getEnv } from "#app/infra/env.server";
import { getDb, migrateToLatest } from "#app/infra/db.server";
import { createNonce, framingFor, isAllowedOrigin, securityHeaders } from "#app/infra/security.server";
import { startMailSender } from "#app/infra/mail/sender.server";
import { startCheckinReminders } from "#app/services/checkin-reminders.server";
import { isPrimaryInstance } from "#app/infra/litefs.server";
import { seedDemoIfEmpty, printDemoLogins } from "#db/seed";
import type { BodyLimits } from "#app/domain/body-limit";
import { refuseLargeBodies } from "./body-limit";
import { MAX_UPLOAD_MB } from "#app/utils/submit.server";
import { ATTACHMENT_MAX_MB } from "#app/forms/checkins";
import { JUDGE_CSV_MAX_KB } from "#app/forms/judges";

const MB = 1024 * 1024;
// Each file form's largest file (one per request) plus room for its other fields and the multipart framing.
const BODY_LIMITS: BodyLimits = {
  handIn: MAX_UPLOAD_MB * MB + MB,
  checkin: ATTACHMENT_MAX_MB * MB + MB,
  judgesCsv: JUDGE_CSV_MAX_KB * 1024 + 64 * 1024,
  form: MB,
};

// The project root: the nearest folder with a package.json, whether this runs as server/index.ts
// (development, through tsx) or compiled into build/server.js (`npm run build`).
function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
const root = projectRoot(path.dirname(fileURLToPath(import.meta.url)));
// The built app (remix.config.js writes it there too): `npm run bench` serves its own copy.
const buildDir = path.resolve(root, process.env.TRELLIS_BUILD_DIR || "build");

async function main() {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const production = env.NODE_ENV === "production";

  const db = getDb();
  if (await isPrimaryInstance()) {
    const migrated = await migrateToLatest(db);
    const applied = migrated.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
    if (applied.length) console.log(`Migrated the database: ${applied.join(", ")}`);
    const wantDemo = env.SEED_DEMO ?? !production;
    if (wantDemo && (await seedDemoIfEmpty(db))) printDemoLogins(env.APP_URL);
  }

  // `npm run dev` serves app/ through Vite with hot reload; otherwise the built app is served.
  const viteDevServer = !process.argv.includes("--dev")
    ? undefined
    : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

  const app = express();
  app.disable("x-powered-by");
  // One proxy hop (Fly's, or the TLS proxy in front): its X-Forwarded-For entry is the client.
  if (env.TRUST_PROXY) app.set("trust proxy", 1);
  // Fly's edge sets Fly-Client-IP itself; elsewhere a client could send that header, so it is ignored.
  const onFly = Boolean(process.env.FLY_APP_NAME);
  // Server-sent events must reach the browser as they are written: the compressor would hold them back.
  app.use(
    compression({
      filter: (req, res) =>
        !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") && compression.filter(req, res),
    }),
  );

  app.use((req, res, next) => {
    // Our own id for the request, logged with any error and shown on the error page.
    const requestId = randomUUID();
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(
      securityHeaders({
        nonce,
        devServer: Boolean(viteDevServer),
        https: env.APP_URL.startsWith("https://"),
        framing: framingFor(req.originalUrl),
      }),
    ))
      res.setHeader(name, value);
    next();
  });

  app.use((req, res, next) => {
    const allowed = isAllowedOrigin({
      method: req.method,
      origin: req.get("Origin"),
      referer: req.get("Referer"),
      host: req.get("Host"),
      appUrl: env.APP_URL,
    });
    if (allowed) return next();
    res.status(403).type("text/plain").send("Forbidden: this request did not come from this site.");
  });

  // Bodies too large for their path are refused from the headers, before any of it is read.
  app.use(refuseLargeBodies(BODY_LIMITS));

  app.get("/healthz", async (_req, res) => {
    try {
      await db.selectFrom("users").select("id").limit(1).execute();
      res.type("text/plain").send("ok");
    } catch (error) {
      console.error("healthz failed", error);
      res.status(503).type("text/plain").send("database unavailable");
    }
  });

  if (viteDevServer) {
    app.use(viteDevServer.middlewares);
  } else {
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    // Other public files (favicon, robots.txt) all have an extension; pages never do, so a page
    // request goes straight to Remix without a look at the disk (docs/performance.md).
    const publicFiles = express.static(path.join(buildDir, "client"), { maxAge: "1h" });
    app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  }
  app.use(morgan(production ? "combined" : "dev", { skip: (req) => req.url?.startsWith("/assets") ?? false }));

  const build = viteDevServer
    ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
    : ((await import(path.join(buildDir, "server/index.js"))) as ServerBuild);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({
        cspNonce: String(res.locals.cspNonce),
        clientIp: env.TRUST_PROXY
          ? ((onFly ? req.get("Fly-Client-IP") : undefined) ?? req.ip ?? null)
          : (req.socket.remoteAddress ?? null),
      }),
    }),
  );

  const sender = env.SMTP_URL
    ? startMailSender({
        db,
        smtpUrl: env.SMTP_URL,
        from: env.MAIL_FROM,
        intervalMs: env.MAIL_POLL_INTERVAL_MS,
        isPrimary: isPrimaryInstance,
        log: (line) => console.log(line),
      })
    : undefined;
  if (sender) {
    const { onMailEnqueued } = await import("#app/infra/mail/outbox.server");
    onMailEnqueued(sender.nudge);
  } else {
    console.log("SMTP_URL is not set: emails stay in the admin mailbox at /admin/mailbox.");
  }

  // Check-in reminders go through the outbox like all mail; CHECKIN_REMINDER_INTERVAL_MS=0 turns them off.
  const reminders = startCheckinReminders({
    db,
    appUrl: env.APP_URL,
    intervalMs: env.CHECKIN_REMINDER_INTERVAL_MS,
    isPrimary: isPrimaryInstance,
    log: (line) => console.log(line),
  });

  const server = app.listen(env.PORT, env.HOST, () => {
    console.log(`Trellis is serving ${env.APP_URL} (listening on ${env.HOST}:${env.PORT}, ${env.NODE_ENV})`);
  });

  const shutdown = async (signal: string) => {
    console.log(`${signal}: closing`);
    server.close();
    await reminders?.stop();
    await sender?.stop();
    await viteDevServer?.close();
    await db.destroy();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

await main();
