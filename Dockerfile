# syntax=docker/dockerfile:1
#
# Trellis production image for Fly.io. LiteFS runs as the entrypoint. It mounts the
# replicated SQLite directory at /litefs, runs migrations on the primary candidate, and
# then starts the app (see litefs.yml). See docs/deploy.md.
#
# CI does not build this image, because the CI machines have no Docker engine.
# `fly deploy` builds it on Fly's remote builder.

# ---------------------------------------------------------------------------
# Build stage: install every dependency, build the Remix app, then drop dev deps.
# ---------------------------------------------------------------------------
FROM node:22-bookworm-slim AS build

# better-sqlite3 is a native addon. If no prebuilt binary matches, node-gyp compiles
# it, which needs python3, make and a C++ compiler.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Install from the lockfile first so Docker can cache this layer between code changes.
# Do not pass --omit=optional. @node-rs/argon2 ships its prebuilt binary as an
# optional, platform-specific package.
COPY package.json package-lock.json .npmrc ./
RUN npm ci

COPY . .
RUN npm run build

# Remove dev dependencies. The server runs as compiled JavaScript (build/server.js); the
# migration and seed scripts run through tsx, which is in "dependencies", so it stays.
# Optional packages (the argon2 binary) stay too.
RUN npm prune --omit=dev

# ---------------------------------------------------------------------------
# Runtime stage
# ---------------------------------------------------------------------------
FROM node:22-bookworm-slim

# LiteFS needs fuse3, and ca-certificates for talking to Consul over TLS.
# sqlite3 is for inspecting the database over `fly ssh console` and for backups.
RUN apt-get update \
  && apt-get install -y --no-install-recommends ca-certificates fuse3 sqlite3 \
  && rm -rf /var/lib/apt/lists/*

COPY --from=flyio/litefs:0.5 /usr/local/bin/litefs /usr/local/bin/litefs
COPY litefs.yml /etc/litefs.yml

# The app listens on 8081. The LiteFS proxy listens on 8080 (fly.toml internal_port)
# and forwards to it.
# The database lives in the LiteFS FUSE mount. Uploads live on the Fly volume at
# /data, outside LiteFS, and are not replicated.
# Secrets are not baked in. Set SESSION_SECRET, APP_URL, SMTP_URL and MAIL_FROM
# with `fly secrets set` (see docs/deploy.md).
ENV NODE_ENV=production \
    PORT=8081 \
    LITEFS_DIR=/litefs \
    DATABASE_PATH=/litefs/trellis.db \
    UPLOADS_DIR=/data/uploads

WORKDIR /app

# Pruned node_modules, the build output (with build/server.js) and the db sources that tsx runs.
COPY --from=build /app /app

RUN mkdir -p /data /litefs

EXPOSE 8080

# LiteFS runs as root, as the LiteFS docs recommend, and starts the commands under
# `exec` in /etc/litefs.yml.
ENTRYPOINT ["litefs", "mount"]
