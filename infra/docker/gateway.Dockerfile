# The Berth gateway: agent WebSockets, enrolment, exactly-once ingest, /metrics. Port 3002.
#   docker build -f infra/docker/gateway.Dockerfile -t berth/gateway:0.1.0 .     (repository root)
# BASE_IMAGE may be any image with node 24 at /usr/local/bin/node and a user 1000, e.g. the
# offline berth/node-base:local (infra/docker/make-node-base.sh). The final stage runs nothing.
ARG BASE_IMAGE=node:24-bookworm-slim
ARG BUILD_IMAGE=node:24-bookworm

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
COPY . .
# Build with every dependency, then keep only the gateway's production dependencies (and the
# workspace packages it imports, which npm links from packages/).
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@berth/gateway \
 && npm ci --omit=dev --workspace=@berth/gateway --no-audit --no-fund

FROM ${BASE_IMAGE} AS gateway
LABEL org.opencontainers.image.title="berth-gateway"
ENV NODE_ENV=production HOST=0.0.0.0 GATEWAY_PORT=3002
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/packages ./packages
COPY --from=build /src/apps/gateway/package.json ./apps/gateway/package.json
COPY --from=build /src/apps/gateway/dist ./apps/gateway/dist
USER 1000:1000
EXPOSE 3002
# SIGTERM drains: sockets closed with 1012 (agents reconnect elsewhere), in-flight batches
# committed, within DRAIN_TIMEOUT_S (20 s); give the container longer than that to stop.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.GATEWAY_PORT ?? 3002}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/gateway/dist/server.js"]
