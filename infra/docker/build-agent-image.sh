#!/bin/sh
# Builds the agent image berth/agent:<version>.
#
#   infra/docker/build-agent-image.sh [--base IMAGE] [--tag TAG] [--from-source]
#
# Default: from the agent bundle already built in this checkout (npm run build -w @berth/agent),
# with the classic builder and a context of three files, so it works offline when the base image
# is local (infra/docker/make-node-base.sh makes berth/node-base:local).
# --from-source: the Dockerfile's default target, built by BuildKit from the whole repository
# (needs the npm registry and the base and build images).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BASE=''
TAG=''
FROM_SOURCE=0
while [ "$#" -gt 0 ]; do
  case $1 in
    --base) [ "$#" -ge 2 ] || { echo "--base needs a value" >&2; exit 2; }; BASE=$2; shift 2 ;;
    --tag) [ "$#" -ge 2 ] || { echo "--tag needs a value" >&2; exit 2; }; TAG=$2; shift 2 ;;
    --from-source) FROM_SOURCE=1; shift ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

say() { printf '==> %s\n' "$*"; }
die() { printf 'build-agent-image: error: %s\n' "$*" >&2; exit 1; }

VERSION=$(node -p "require('$ROOT/apps/agent/package.json').version")
TAG=${TAG:-berth/agent:$VERSION}
set -- -f infra/docker/agent.Dockerfile -t "$TAG" --label "org.opencontainers.image.version=$VERSION"
if [ -n "$BASE" ]; then set -- "$@" --build-arg "BASE_IMAGE=$BASE"; fi

if [ "$FROM_SOURCE" -eq 1 ]; then
  say "Building $TAG from source (BuildKit)"
  cd "$ROOT"
  DOCKER_BUILDKIT=1 docker build "$@" .
else
  BUNDLE=$ROOT/apps/agent/dist/berth-agent.mjs
  [ -f "$BUNDLE" ] || die "$BUNDLE is missing: run npm run build -w @berth/agent first (or use --from-source)"
  CONTEXT=$(mktemp -d "${TMPDIR:-/tmp}/berth-agent-image.XXXXXX")
  LOG=$(mktemp "${TMPDIR:-/tmp}/berth-agent-image-log.XXXXXX")
  trap 'rm -rf "$CONTEXT" "$LOG"' EXIT
  mkdir -p "$CONTEXT/infra/docker/agent-state" "$CONTEXT/apps/agent/dist"
  cp "$ROOT/infra/docker/agent.Dockerfile" "$CONTEXT/infra/docker/"
  cp "$ROOT/infra/docker/agent-state/.keep" "$CONTEXT/infra/docker/agent-state/"
  cp "$BUNDLE" "$CONTEXT/apps/agent/dist/"
  say "Building $TAG from $BUNDLE (classic builder, target prebuilt)"
  cd "$CONTEXT"
  if ! DOCKER_BUILDKIT=0 docker build --target prebuilt "$@" . >"$LOG" 2>&1; then
    cat "$LOG" >&2
    die "docker build failed (output above)"
  fi
  grep -E '^(Step |Successfully)' "$LOG" || true
fi
say "$(docker run --rm --network none "$TAG" --version) in $TAG"
