# The Berth alerter: evaluates alert rules and delivers notifications (docs/alerting-plan.md). No port.
#
# From source (BuildKit; the default target, run from the repository root):
#   docker build -f infra/docker/alerter.Dockerfile -t berth/alerter:0.1.0 .
# Offline, from this checkout's build (infra/docker/build-service-image.sh alerter assembles the
# context: this file and app/, staged by stage-service.mjs):
#   DOCKER_BUILDKIT=0 docker build --target prebuilt --build-arg BASE_IMAGE=berth/node-base:local ...
# BASE_IMAGE may be any image with node 24 on PATH and a user 1000, e.g. the offline
# berth/node-base:local (infra/docker/make-node-base.sh).
ARG BASE_IMAGE=node:24-bookworm-slim
ARG BUILD_IMAGE=node:24-bookworm

# Runtime shared by both targets. No RUN: the offline base image has no shell. The /app tree comes
# last, in one layer: every instruction after it would copy it again on some storage drivers.
FROM ${BASE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="berth-alerter"
ENV NODE_ENV=production ALERTER_HEARTBEAT_FILE=/tmp/alerter-alive
WORKDIR /app
USER 1000:1000
# SIGTERM stops the timers and finishes the evaluation in hand. Any number may run: transitions,
# flushes and delivery claims are decided by PostgreSQL, not by which replica saw the event.
STOPSIGNAL SIGTERM
# No port: healthy while the heartbeat file its periodic rounds touch is younger than 90 s.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const f = process.env.ALERTER_HEARTBEAT_FILE; process.exit(f && Date.now() - require('fs').statSync(f).mtimeMs < 90000 ? 0 : 1)"]
CMD ["node", "apps/alerter/dist/server.js"]

# Offline / CI: the tree staged from this checkout (the build context's app/).
FROM runtime AS prebuilt
COPY app/ /app/

# From source: build with every dependency, then stage the alerter's dist/, the workspace
# packages it imports and its production dependencies only.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@berth/alerter \
 && node infra/docker/stage-service.mjs alerter /stage

FROM runtime AS alerter
COPY --from=build /stage/ /app/
