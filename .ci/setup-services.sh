#!/usr/bin/env bash
# CI entry point: bring up every service the tests use (idempotent: fine when they already
# run), then run exactly the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1

step() { printf '\n== %s\n' "$*"; }

step "system packages (docker.io, docker-compose, busybox-static, chromium, shellcheck, docker-registry)"
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
[ -x /bin/busybox ] || missing+=(busybox-static)
command -v chromium >/dev/null || missing+=(chromium)
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v psql >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v docker-registry >/dev/null || missing+=(docker-registry)
command -v htpasswd >/dev/null || missing+=(apache2-utils)
command -v openssl >/dev/null || missing+=(openssl)
command -v prometheus >/dev/null || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

step "PostgreSQL on 127.0.0.1:5432"
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -1)"
  hba="/etc/postgresql/$pg_version/main/pg_hba.conf"
  # A cluster we installed ourselves: the tests connect as postgres over TCP without a password.
  grep -q '^host all all 127.0.0.1/32 trust' "$hba" || sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432

step "TimescaleDB on 127.0.0.1:5434 (a second PostgreSQL 15 cluster, for the TimescaleDB test runs)"
# ../shared/timescaledb holds an Apache-2 build of TimescaleDB 2.22.1 and its installer. The
# installer restarts a running cluster, so it runs only when the cluster is not already up with
# this build preloaded (other runs may be using it). Without the folder, the TimescaleDB
# projects of packages/db and the gateway report themselves skipped.
ts_installer=../shared/timescaledb/install.sh
ts_url=postgres://postgres@127.0.0.1:5434/postgres
ts_ready() {
  [ "$(psql -qAtX "$ts_url" -c "SELECT current_setting('shared_preload_libraries') LIKE '%timescaledb%'
    AND EXISTS (SELECT 1 FROM pg_available_extension_versions WHERE name = 'timescaledb' AND version = '2.22.1')" 2>/dev/null)" = t ]
}
if [ -f "$ts_installer" ]; then
  if ! ts_ready; then
    ts_url="$(bash "$ts_installer" | tail -1 | sed -n 's/^TIMESCALE_URL=//p')"
  fi
  ts_ready || { echo "TimescaleDB did not come up at $ts_url" >&2; exit 1; }
  export TEST_TIMESCALE_URL="$ts_url"
  echo "TEST_TIMESCALE_URL=$TEST_TIMESCALE_URL"
else
  echo "!! no $ts_installer: the TimescaleDB test runs will report themselves SKIPPED"
fi

step "Redis on 127.0.0.1:6379"
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done
fi
redis-cli -h 127.0.0.1 ping

step "Docker engine"
if ! docker info >/dev/null 2>&1; then
  nohup dockerd --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
    >/var/log/berth-dockerd.log 2>&1 &
  for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && break; sleep 1; done
fi
if docker info >/dev/null 2>&1; then
  docker version --format 'docker engine {{.Server.Version}} (API {{.Server.APIVersion}})'
else
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!! dockerd could not start: Docker-backed tests will report themselves SKIPPED.   !!"
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  tail -20 /var/log/berth-dockerd.log || true
  BERTH_DOCKER_UNAVAILABLE="dockerd did not start: $(tail -3 /var/log/berth-dockerd.log 2>/dev/null | tr '\n' ' ')"
  export BERTH_DOCKER_UNAVAILABLE
fi

# Exactly the README's test command. (`npm ci` is avoided: npm 11 leaves other platforms'
# optional packages out of lock files written on Linux and then refuses them in `npm ci`.)
