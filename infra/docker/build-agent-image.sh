#!/bin/sh
# Builds the agent image berth/agent:<version>: the agent executable this checkout built
# (apps/agent/dist/exe/berth-agent-linux-x64-gnu, `npm run build -w @berth/agent`) and the few
# glibc files it loads, nothing else — no Node.js, no shell, no package manager — imported with
# `docker import`, so no image is pulled and nothing is downloaded:
#
#   infra/docker/build-agent-image.sh [--tag TAG] [--executable FILE]
#
# --executable: another build of the agent (tests of self-update build the next version). The
# image runs as uid/gid 1000 with its state in the volume /var/lib/berth-agent. install.sh's
# docker mode evaluates its small state checks with the executable itself (BUN_BE_BUN=1).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TAG=''
EXECUTABLE=$ROOT/apps/agent/dist/exe/berth-agent-linux-x64-gnu
while [ "$#" -gt 0 ]; do
  case $1 in
    --tag) [ "$#" -ge 2 ] || { echo "--tag needs a value" >&2; exit 2; }; TAG=$2; shift 2 ;;
    --executable) [ "$#" -ge 2 ] || { echo "--executable needs a value" >&2; exit 2; }; EXECUTABLE=$2; shift 2 ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

say() { printf '==> %s\n' "$*"; }
die() { printf 'build-agent-image: error: %s\n' "$*" >&2; exit 1; }

[ "$(uname -m)" = x86_64 ] || die "this script packs the linux-x64-gnu executable with this host's glibc; this is $(uname -m)"
[ -x "$EXECUTABLE" ] || die "$EXECUTABLE is missing: run npm run build -w @berth/agent first"
command -v docker >/dev/null 2>&1 || die "no docker command"
AGENT_VERSION=$(env -i "$EXECUTABLE" --version) || die "$EXECUTABLE does not run here"
VERSION=${AGENT_VERSION#berth-agent }
TAG=${TAG:-berth/agent:$VERSION}

umask 022
ROOTFS=$(mktemp -d "${TMPDIR:-/tmp}/berth-agent-image.XXXXXX")
trap 'rm -rf "$ROOTFS"' EXIT
# mktemp made it 0700: it becomes the image's /, which the agent's user must traverse.
chmod 0755 "$ROOTFS"
mkdir -p "$ROOTFS/opt/berth-agent" "$ROOTFS/etc" "$ROOTFS/tmp" "$ROOTFS/var/lib/berth-agent"
chmod 1777 "$ROOTFS/tmp"
cp "$EXECUTABLE" "$ROOTFS/opt/berth-agent/berth-agent"
chmod 0755 "$ROOTFS/opt/berth-agent/berth-agent"
# The state directory must belong to the agent's user before a volume is first mounted on it:
# Docker copies the image's directory (owner, mode) into an empty named volume.
chown 1000:1000 "$ROOTFS/var/lib/berth-agent"
chmod 0700 "$ROOTFS/var/lib/berth-agent"

# Every library the dynamic loader resolves for the executable, and the loader, at the same paths.
ldd "$EXECUTABLE" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | sort -u |
  while IFS= read -r lib; do
    mkdir -p "$ROOTFS$(dirname "$lib")"
    cp -L "$lib" "$ROOTFS$lib"
  done
# Host name lookups (gateway, DOCKER_HOST=tcp://name) go through glibc's NSS modules.
LIBC_DIR=$(dirname "$(ldd "$EXECUTABLE" | awk '$1 == "libc.so.6" { print $3 }')")
for name in libnss_files.so.2 libnss_dns.so.2 libresolv.so.2; do
  if [ -e "$LIBC_DIR/$name" ]; then cp -L "$LIBC_DIR/$name" "$ROOTFS$LIBC_DIR/$name"; fi
done

cat >"$ROOTFS/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
berth:x:1000:1000:berth agent:/var/lib/berth-agent:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat >"$ROOTFS/etc/group" <<'GROUP'
root:x:0:
berth:x:1000:
nogroup:x:65534:
GROUP
printf 'hosts: files dns\n' >"$ROOTFS/etc/nsswitch.conf"
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  mkdir -p "$ROOTFS/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
fi

say "Importing $TAG from $EXECUTABLE"
# The agent listens on nothing, so no HEALTHCHECK: it exits on fatal errors and the restart
# policy (install.sh: unless-stopped) starts it again; exit 78 means "do not restart" (revoked).
# Docker socket: the agent is not root, so `docker run` adds the socket's group
# (--group-add "$(stat -c %g /var/run/docker.sock)"), which is what install.sh does.
tar -C "$ROOTFS" --numeric-owner -cf - . | docker import \
  --change 'ENV BERTH_STATE_DIR=/var/lib/berth-agent' \
  --change 'USER 1000:1000' \
  --change 'WORKDIR /var/lib/berth-agent' \
  --change 'VOLUME ["/var/lib/berth-agent"]' \
  --change 'ENTRYPOINT ["/opt/berth-agent/berth-agent"]' \
  --change "LABEL org.opencontainers.image.title=berth-agent org.opencontainers.image.version=$VERSION" \
  --change 'LABEL org.opencontainers.image.description="Berth agent: reports this Docker host to Berth over one outbound WebSocket"' \
  - "$TAG" >/dev/null
say "$(docker run --rm --network none "$TAG" --version) in $TAG ($(docker image inspect --format '{{.Size}}' "$TAG") bytes)"
