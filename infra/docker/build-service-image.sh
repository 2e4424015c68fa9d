#!/bin/sh
# Builds the image of a Berth service, berth/<service>:<version>, for api, gateway, alerter or web.
#
#   infra/docker/build-service-image.sh <api|gateway|alerter|web> [--base IMAGE] [--tag TAG] [--from-source]
#
# Default: from what this checkout has built (npm run build; api also ships the agent bundle),
# with the classic builder and a small context (the Dockerfile and app/, the tree
# stage-service.mjs stages: the service, its workspace packages and its production dependencies,
# or Next.js's standalone output), so it works offline when the base image is local
# (infra/docker/make-node-base.sh makes berth/node-base:local).
# --from-source: the Dockerfile's default target, built by BuildKit from the whole repository
# (needs the npm registry and the base and build images).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SERVICE=''
BASE=''
TAG=''
FROM_SOURCE=0
while [ "$#" -gt 0 ]; do
  case $1 in
    --base) [ "$#" -ge 2 ] || { echo "--base needs a value" >&2; exit 2; }; BASE=$2; shift 2 ;;
    --tag) [ "$#" -ge 2 ] || { echo "--tag needs a value" >&2; exit 2; }; TAG=$2; shift 2 ;;
    --from-source) FROM_SOURCE=1; shift ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    api | gateway | alerter | web) [ -z "$SERVICE" ] || { echo "one service at a time" >&2; exit 2; }; SERVICE=$1; shift ;;
    *) echo "unknown option or service: $1 (api, gateway, alerter or web)" >&2; exit 2 ;;
  esac
done
[ -n "$SERVICE" ] || { echo "which service? api, gateway, alerter or web" >&2; exit 2; }

say() { printf '==> %s\n' "$*"; }
die() { printf 'build-service-image: error: %s\n' "$*" >&2; exit 1; }

VERSION=$(node -p "require('$ROOT/apps/$SERVICE/package.json').version")
TAG=${TAG:-berth/$SERVICE:$VERSION}
set -- -f "infra/docker/$SERVICE.Dockerfile" -t "$TAG" --label "org.opencontainers.image.version=$VERSION"
if [ -n "$BASE" ]; then set -- "$@" --build-arg "BASE_IMAGE=$BASE"; fi

if [ "$FROM_SOURCE" -eq 1 ]; then
  say "Building $TAG from source (BuildKit)"
  cd "$ROOT"
  DOCKER_BUILDKIT=1 docker build "$@" .
else
  CONTEXT=$(mktemp -d "${TMPDIR:-/tmp}/berth-$SERVICE-image.XXXXXX")
  LOG=$(mktemp "${TMPDIR:-/tmp}/berth-$SERVICE-image-log.XXXXXX")
  trap 'rm -rf "$CONTEXT" "$LOG"' EXIT
  mkdir -p "$CONTEXT/infra/docker"
  cp "$ROOT/infra/docker/$SERVICE.Dockerfile" "$CONTEXT/infra/docker/"
  node "$ROOT/infra/docker/stage-service.mjs" "$SERVICE" "$CONTEXT/app" >/dev/null ||
    die "could not stage $SERVICE (is it built? npm run build)"
  say "Building $TAG from this checkout's build ($(du -sh "$CONTEXT/app" | cut -f 1) staged; classic builder, target prebuilt)"
  cd "$CONTEXT"
  if ! DOCKER_BUILDKIT=0 docker build --target prebuilt "$@" . >"$LOG" 2>&1; then
    cat "$LOG" >&2
    die "docker build failed (output above)"
  fi
  grep -E '^(Step |Successfully)' "$LOG" || true
fi
say "node $(docker run --rm --network none "$TAG" node --version) in $TAG ($(docker image inspect --format '{{.Size}}' "$TAG") bytes)"
