# The Berth web console (Next.js standalone output). Port 3000.
#   docker build -f infra/docker/web.Dockerfile -t berth/web:0.1.0 .     (repository root)
# Needs at run time: AUTH_SECRET (same as the API's), API_INTERNAL_URL, BERTH_PUBLIC_URL.
# BASE_IMAGE may be any image with node 24 on PATH and a user 1000 (see gateway.Dockerfile).
ARG BASE_IMAGE=node:24-bookworm-slim
ARG BUILD_IMAGE=node:24-bookworm

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
COPY . .
# `output: 'standalone'` traces exactly the files the server needs into .next/standalone.
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@berth/web

FROM ${BASE_IMAGE} AS web
LABEL org.opencontainers.image.title="berth-web"
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /src/apps/web/.next/standalone ./
COPY --from=build /src/apps/web/.next/static ./apps/web/.next/static
USER 1000:1000
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT ?? 3000}/`, { redirect: 'manual' }).then((r) => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/web/server.js"]
