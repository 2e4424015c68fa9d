# The Berth agent: one bundled JavaScript file on Node.js, as the non-root user `node` (1000).
#
# From source (BuildKit; the default target, run from the repository root):
#   docker build -f infra/docker/agent.Dockerfile -t berth/agent:0.1.0 .
# From an agent already built with `npm run build -w @berth/agent` (no registry needed;
# infra/docker/build-agent-image.sh assembles a small context for it):
#   DOCKER_BUILDKIT=0 docker build --target prebuilt --build-arg BASE_IMAGE=berth/node-base:local ...
#
# Docker socket: the agent is not root, so `docker run` adds the socket's group
# (--group-add "$(stat -c %g /var/run/docker.sock)"), which is what install.sh does. With a socket
# proxy, pass DOCKER_HOST=tcp://proxy:2375 instead and mount no socket.
ARG BASE_IMAGE=node:24-bookworm-slim
ARG BUILD_IMAGE=node:24-bookworm

# Runtime shared by both targets. No RUN: the offline base image has no shell.
FROM ${BASE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="berth-agent" \
      org.opencontainers.image.description="Berth agent: reports this Docker host to Berth over one outbound WebSocket" \
      org.opencontainers.image.source="https://github.com/berth/berth"
ENV NODE_ENV=production \
    BERTH_STATE_DIR=/var/lib/berth-agent
# The state directory must belong to the agent's user before a volume is first mounted on it:
# Docker copies the image's directory (owner, mode) into an empty named volume.
COPY --chown=1000:1000 infra/docker/agent-state/ /var/lib/berth-agent/
USER 1000:1000
WORKDIR /var/lib/berth-agent
VOLUME ["/var/lib/berth-agent"]
# The agent listens on nothing, so no HEALTHCHECK: it exits on fatal errors and the restart
# policy (install.sh: unless-stopped) starts it again; exit 78 means "do not restart" (revoked).
ENTRYPOINT ["node", "/opt/berth-agent/berth-agent.mjs"]

# Offline / CI: the bundle from the build context.
FROM runtime AS prebuilt
COPY --chown=0:0 apps/agent/dist/berth-agent.mjs /opt/berth-agent/berth-agent.mjs

# From source: only the agent and the packages it depends on are built.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --filter=@berth/agent \
 && node apps/agent/dist/berth-agent.mjs --version

FROM runtime AS agent
COPY --from=build --chown=0:0 /src/apps/agent/dist/berth-agent.mjs /opt/berth-agent/berth-agent.mjs
