# syntax=docker/dockerfile:1
# haqq: multi-stage build on node:20-slim. The build stage compiles TypeScript (and native
# better-sqlite3); the runtime stage holds only production dependencies and runs as a non-root user.

FROM node:20-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build
# Fetch the sentence-embedding model at build time (the build has internet; the runtime may not).
# Failure is not fatal: without a model the bot uses its lexical engine.
COPY intents ./intents
RUN mkdir -p /app/models && MODEL_DIR=/app/models npm run model:download || echo "model download failed; lexical engine only"

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    DATABASE_PATH=/data/bot.db \
    MODEL_DIR=/app/models \
    NLU_CACHE_DIR=/data/nlu-cache \
    ADMIN_HOST=0.0.0.0 \
    ADMIN_PORT=8080
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force \
    && apt-get purge -y python3 make g++ && apt-get autoremove -y
COPY --from=build /app/dist ./dist
COPY --from=build /app/models ./models
COPY intents ./intents
COPY locales ./locales
COPY seeds ./seeds
RUN mkdir -p /data && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080 8443
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.ADMIN_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/main.js"]
