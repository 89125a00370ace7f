# The Discord bot as a container: `docker compose up -d` (see compose.yaml and the README's
# "Run it for real"). Multi-stage: dependencies are installed in a build stage from the lock file,
# the runtime stage has no npm cache and runs as the unprivileged `node` user.
# The corpus (read-only is fine) and the index cache are volumes: /data/corpus and /data/cache.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    CORPUS_DIR=/data/corpus \
    SNAPSHOT_DIR=/data/cache \
    HEALTH_PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY commands ./commands
RUN mkdir -p /data/corpus /data/cache && chown -R node:node /data
USER node
VOLUME ["/data/corpus", "/data/cache"]
# Healthy once the index serves and Discord is connected (GET /health: 200, else 503). The first
# build of a big corpus takes a while: hence the start period.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5m --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 8080) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The same command as `npm run serve` (tested by test/robust/setup.test.ts): one node process, so
# SIGTERM from `docker stop` reaches the bot, which disconnects cleanly.
CMD ["node", "--import", "tsx", "src/main.ts"]
