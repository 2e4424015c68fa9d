# The Berth API (/api/v1, OpenAPI, live stream) — also serves the agent installer: /install.sh,
# /agent/berth-agent-linux-<arch>-<libc> and their .sha256 — and runs migrations (the migrate one-shot service/Job:
# `node packages/db/dist/cli/migrate.js`). Port 3001.
#
# From source (BuildKit; the default target, run from the repository root):
#   docker build -f infra/docker/api.Dockerfile -t berth/api:0.1.0 .
# Offline, from this checkout's build (infra/docker/build-service-image.sh api assembles the
# context: this file and app/, staged by stage-service.mjs):
#   DOCKER_BUILDKIT=0 docker build --target prebuilt --build-arg BASE_IMAGE=berth/node-base:local ...
# BASE_IMAGE may be any image with node 24 on PATH and a user 1000, e.g. the offline
# berth/node-base:local (infra/docker/make-node-base.sh).
ARG BASE_IMAGE=node:24-bookworm-slim
ARG BUILD_IMAGE=node:24-bookworm

# Runtime shared by both targets. No RUN: the offline base image has no shell. The /app tree comes
# last, in one layer: every instruction after it would copy it again on some storage drivers.
FROM ${BASE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="berth-api"
ENV NODE_ENV=production HOST=0.0.0.0 API_PORT=3001
WORKDIR /app
USER 1000:1000
EXPOSE 3001
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.API_PORT ?? 3001}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/api/dist/server.js"]

# Offline / CI: the tree staged from this checkout (the build context's app/).
FROM runtime AS prebuilt
COPY app/ /app/

# From source. The agent executables are built too: the API hands them to native installs. The staged
# tree keeps the repository's layout, so the install routes find infra/install.sh and apps/agent/dist/exe
# relative to apps/api/dist, and migrate finds prisma/migrations.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@berth/api --filter=@berth/agent \
 && apps/agent/dist/exe/berth-agent-linux-x64-gnu --version \
 && node infra/docker/stage-service.mjs api /stage

FROM runtime AS api
COPY --from=build /stage/ /app/
