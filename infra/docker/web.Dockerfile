# The Berth web console (Next.js standalone output). Port 3000.
# Needs at run time: AUTH_SECRET (same as the API's), API_INTERNAL_URL, BERTH_PUBLIC_URL.
#
# From source (BuildKit; the default target, run from the repository root):
#   docker build -f infra/docker/web.Dockerfile -t berth/web:0.1.0 .
# Offline, from this checkout's build (infra/docker/build-service-image.sh web assembles the
# context: this file and app/, staged by stage-service.mjs):
#   DOCKER_BUILDKIT=0 docker build --target prebuilt --build-arg BASE_IMAGE=berth/node-base:local ...
# BASE_IMAGE may be any image with node 24 on PATH and a user 1000, e.g. the offline
# berth/node-base:local (infra/docker/make-node-base.sh).
ARG BASE_IMAGE=node:24-bookworm-slim
ARG BUILD_IMAGE=node:24-bookworm

# Runtime shared by both targets. No RUN: the offline base image has no shell. The /app tree comes
# last, in one layer: every instruction after it would copy it again on some storage drivers.
FROM ${BASE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="berth-web"
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000
WORKDIR /app
USER 1000:1000
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT ?? 3000}/`, { redirect: 'manual' }).then((r) => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/web/server.js"]

# Offline / CI: the tree staged from this checkout (the build context's app/).
FROM runtime AS prebuilt
COPY app/ /app/

# From source: `output: 'standalone'` traces exactly the files the server needs into
# .next/standalone; stage-service.mjs adds the static assets beside it.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@berth/web \
 && node infra/docker/stage-service.mjs web /stage

FROM runtime AS web
COPY --from=build /stage/ /app/
