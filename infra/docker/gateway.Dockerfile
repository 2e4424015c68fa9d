# The Berth gateway: agent WebSockets, enrolment, exactly-once ingest, /metrics. Port 3002.
#
# From source (BuildKit; the default target, run from the repository root):
#   docker build -f infra/docker/gateway.Dockerfile -t berth/gateway:0.1.0 .
# Offline, from this checkout's build (infra/docker/build-service-image.sh gateway assembles the
# context: this file and app/, staged by stage-service.mjs):
#   DOCKER_BUILDKIT=0 docker build --target prebuilt --build-arg BASE_IMAGE=berth/node-base:local ...
# BASE_IMAGE may be any image with node 24 on PATH and a user 1000, e.g. the offline
# berth/node-base:local (infra/docker/make-node-base.sh).
ARG BASE_IMAGE=node:24-bookworm-slim
ARG BUILD_IMAGE=node:24-bookworm

# Runtime shared by both targets. No RUN: the offline base image has no shell. The /app tree comes
# last, in one layer: every instruction after it would copy it again on some storage drivers.
FROM ${BASE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="berth-gateway"
ENV NODE_ENV=production HOST=0.0.0.0 GATEWAY_PORT=3002
WORKDIR /app
USER 1000:1000
EXPOSE 3002
# SIGTERM drains: sockets closed with 1012 (agents reconnect elsewhere), in-flight batches
# committed, within DRAIN_TIMEOUT_S (20 s); give the container longer than that to stop.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.GATEWAY_PORT ?? 3002}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/gateway/dist/server.js"]

# Offline / CI: the tree staged from this checkout (the build context's app/).
FROM runtime AS prebuilt
COPY app/ /app/

# From source: build with every dependency, then stage the gateway's dist/, the workspace
# packages it imports and its production dependencies only.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@berth/gateway \
 && node infra/docker/stage-service.mjs gateway /stage

FROM runtime AS gateway
COPY --from=build /stage/ /app/
