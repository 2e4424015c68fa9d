# The Berth API (/api/v1, OpenAPI, live stream) — also serves the agent installer: /install.sh,
# /agent/berth-agent.mjs and its .sha256 — and runs migrations (the migrate one-shot service/Job:
# `node packages/db/dist/cli/migrate.js`). Port 3001.
#   docker build -f infra/docker/api.Dockerfile -t berth/api:0.1.0 .     (repository root)
# BASE_IMAGE may be any image with node 24 on PATH and a user 1000 (see gateway.Dockerfile).
ARG BASE_IMAGE=node:24-bookworm-slim
ARG BUILD_IMAGE=node:24-bookworm

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
COPY . .
# The agent bundle is built too: the API hands it to native installs.
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@berth/api --filter=@berth/agent \
 && node apps/agent/dist/berth-agent.mjs --version \
 && npm ci --omit=dev --workspace=@berth/api --no-audit --no-fund

FROM ${BASE_IMAGE} AS api
LABEL org.opencontainers.image.title="berth-api"
ENV NODE_ENV=production HOST=0.0.0.0 API_PORT=3001
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/packages ./packages
COPY --from=build /src/prisma ./prisma
COPY --from=build /src/apps/api/package.json ./apps/api/package.json
COPY --from=build /src/apps/api/dist ./apps/api/dist
# Same layout as the repository: the install routes find these relative to apps/api/dist.
COPY --from=build /src/infra/install.sh ./infra/install.sh
COPY --from=build /src/apps/agent/package.json ./apps/agent/package.json
COPY --from=build /src/apps/agent/dist/berth-agent.mjs ./apps/agent/dist/berth-agent.mjs
USER 1000:1000
EXPOSE 3001
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.API_PORT ?? 3001}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/api/dist/server.js"]
