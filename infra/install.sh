#!/bin/sh
# Berth agent installer.
#
#   curl -fsSL https://berth.example.com/install.sh | sh -s -- --token berth_enrol_...
#
# Installs the Berth agent on this host, enrols the host with the enrolment token (once: the
# credential is kept in the agent's state directory) and starts the agent:
#   --mode docker   the berth/agent image, with the Docker socket and the host's /proc mounted
#                   (the default when `docker info` works here)
#   --mode native   one self-contained executable (no Node.js needed) in /opt/berth-agent, for
#                   this host's architecture (x86_64, aarch64) and C library (glibc, musl), run
#                   by systemd or, where systemd is not running, by a small supervisor loop
# Running it again with the same options changes nothing; --uninstall removes what it created.
# POSIX sh (dash, busybox ash, bash); needs curl, and sha256sum in native mode.
set -eu

# The Berth API fills these in when it serves this script (GET /install.sh): each quoted value is
# replaced according to the line's `berth:template` name. Keep one assignment per line.
BERTH_URL=''               # berth:template public-url
DEFAULT_SERVER=''          # berth:template gateway-url
AGENT_VERSION='0.1.0'      # berth:template agent-version

CONTAINER_NAME='berth-agent'
VOLUME_NAME='berth-agent-state'
CONTAINER_STATE_DIR='/var/lib/berth-agent'
# The agent exits with 78 when it must not be restarted (host revoked, credential refused),
# and with 75 when it replaced its own executable (the `update` action) and wants to be started again.
EXIT_DO_NOT_RESTART=78
EXIT_RESTART=75

usage() {
  cat <<'EOF'
Berth agent installer

Usage: install.sh --token TOKEN [options]
       install.sh --uninstall [--mode docker|native] [--prefix DIR] [--state-dir DIR]

  --token TOKEN        enrolment token from the console (Settings -> Enrolment); used once,
                       only while this host has no credential yet             (BERTH_TOKEN)
  --server URL         Berth gateway URL agents connect to                    (BERTH_SERVER)
  --mode MODE          docker (default when a Docker engine answers) or native
  --state-dir DIR      where the agent keeps its credential and spool
                       (docker: a host directory instead of the volume berth-agent-state;
                       native: default /var/lib/berth-agent)
  --interval SECONDS   the agent's batch interval (agent default: 10)
  --read-only          the agent never runs actions (start, stop, restart, ...)
  --image IMAGE        agent image in docker mode (default berth/agent:VERSION)
  --docker-host URL    Docker API the agent uses, e.g. tcp://socket-proxy:2375 (default: the
                       local socket; in docker mode DOCKER_HOST=tcp://... is passed through)
  --download-url URL   where the native agent and its updates are downloaded from (default:
                       the Berth URL)
  --prefix DIR         install every native file under DIR (tests, chroots); implies the
                       built-in supervisor instead of systemd
  --uninstall          remove the agent and everything this script created
  -h, --help           this help
EOF
}

say() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
warn() { printf 'berth-install: warning: %s\n' "$*" >&2; }
die() {
  printf 'berth-install: error: %s\n' "$*" >&2
  exit 1
}

TMP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/berth-install.XXXXXX")
trap 'rm -rf "$TMP_DIR"' EXIT
trap 'exit 130' INT TERM HUP

# ---------------------------------------------------------------------------------------------
# Options
# ---------------------------------------------------------------------------------------------
TOKEN=${BERTH_TOKEN:-}
SERVER=${BERTH_SERVER:-$DEFAULT_SERVER}
MODE=''
STATE_DIR=''
INTERVAL=''
READ_ONLY=0
UNINSTALL=0
IMAGE=''
AGENT_DOCKER_HOST=''
DOWNLOAD_URL=''
PREFIX=''

need_value() {
  [ "$#" -ge 2 ] || die "$1 needs a value (see --help)"
}

while [ "$#" -gt 0 ]; do
  case $1 in
    --*=*)
      opt_name=${1%%=*}
      opt_value=${1#*=}
      shift
      set -- "$opt_name" "$opt_value" "$@"
      ;;
  esac
  case $1 in
    --token) need_value "$@"; TOKEN=$2; shift 2 ;;
    --server) need_value "$@"; SERVER=$2; shift 2 ;;
    --mode) need_value "$@"; MODE=$2; shift 2 ;;
    --state-dir) need_value "$@"; STATE_DIR=$2; shift 2 ;;
    --interval) need_value "$@"; INTERVAL=$2; shift 2 ;;
    --read-only) READ_ONLY=1; shift ;;
    --image) need_value "$@"; IMAGE=$2; shift 2 ;;
    --docker-host) need_value "$@"; AGENT_DOCKER_HOST=$2; shift 2 ;;
    --download-url) need_value "$@"; DOWNLOAD_URL=$2; shift 2 ;;
    --prefix) need_value "$@"; PREFIX=$2; shift 2 ;;
    --uninstall) UNINSTALL=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done

# Paths end up unquoted in a systemd unit and quoted in generated scripts: keep them plain.
check_path() {
  case $2 in
    /*) ;;
    *) die "$1 must be an absolute path (got '$2')" ;;
  esac
  case $2 in
    *[!A-Za-z0-9_./-]*) die "$1 may contain only letters, digits and _ . / - (got '$2')" ;;
  esac
}

check_url() {
  case $2 in
    http://?* | https://?*) ;;
    *) die "$1 must be an http:// or https:// URL (got '$2')" ;;
  esac
  case $2 in
    *[[:space:]\'\"\\]*) die "$1 must not contain spaces, quotes or backslashes (got '$2')" ;;
  esac
}

strip_slashes() {
  printf '%s' "$1" | sed 's:/*$::'
}

case $MODE in
  '' | docker | native) ;;
  *) die "--mode must be docker or native (got '$MODE')" ;;
esac
if [ -n "$INTERVAL" ]; then
  case $INTERVAL in
    *[!0-9]* | '') die "--interval must be a whole number of seconds (got '$INTERVAL')" ;;
  esac
  if [ "$INTERVAL" -lt 1 ] || [ "$INTERVAL" -gt 3600 ]; then
    die "--interval must be between 1 and 3600 seconds (got $INTERVAL)"
  fi
fi
if [ -n "$PREFIX" ]; then
  check_path --prefix "$PREFIX"
  PREFIX=$(strip_slashes "$PREFIX")
fi
if [ -n "$STATE_DIR" ]; then
  check_path --state-dir "$STATE_DIR"
  STATE_DIR=$(strip_slashes "$STATE_DIR")
  [ -n "$STATE_DIR" ] || die "--state-dir must not be /"
fi
if [ -n "$SERVER" ]; then
  check_url --server "$SERVER"
  SERVER=$(strip_slashes "$SERVER")
fi
if [ -n "$DOWNLOAD_URL" ]; then check_url --download-url "$DOWNLOAD_URL"; fi
if [ -n "$AGENT_DOCKER_HOST" ]; then
  case $AGENT_DOCKER_HOST in
    unix:///* | tcp://?* | http://?* | https://?*) ;;
    *) die "--docker-host must be unix:///path, tcp://host:port or http(s)://host:port (got '$AGENT_DOCKER_HOST')" ;;
  esac
  case $AGENT_DOCKER_HOST in
    *[!A-Za-z0-9_./:@%-]*) die "--docker-host may contain only letters, digits and _ . / : @ % - (got '$AGENT_DOCKER_HOST')" ;;
  esac
fi
DOWNLOAD_BASE=$(strip_slashes "${DOWNLOAD_URL:-${BERTH_URL:-$SERVER}}")
IMAGE=${IMAGE:-berth/agent:$AGENT_VERSION}

OPT_DIR=$PREFIX/opt/berth-agent
AGENT_BIN=$OPT_DIR/berth-agent
SUPERVISOR=$OPT_DIR/berth-agent-supervisor.sh
UNIT_FILE=$PREFIX/etc/systemd/system/berth-agent.service
PID_FILE=$PREFIX/var/run/berth-agent.pid
CHILD_PID_FILE=$PREFIX/var/run/berth-agent-child.pid
LOG_FILE=$PREFIX/var/log/berth-agent.log
NATIVE_STATE_DIR=${STATE_DIR:-$PREFIX/var/lib/berth-agent}

# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------
command -v curl >/dev/null 2>&1 || die "curl is required (apt-get install curl / yum install curl)"
# Downloads ask for gzip where this curl can undo it (the agent executable travels at ~45 %);
# the sha256 is checked on what curl wrote, the executable itself.
CURL_COMPRESSED=''
if curl --version 2>/dev/null | grep -qi 'libz'; then CURL_COMPRESSED='--compressed'; fi

# Turns a curl exit code into a sentence for the operator.
curl_problem() {
  case $1 in
    3) printf 'the URL %s is malformed' "$2" ;;
    6) printf 'cannot resolve the host name of %s (DNS): check the URL and this host'"'"'s resolver' "$2" ;;
    7) printf 'cannot connect to %s (connection refused or no route): is the URL right and Berth up, and may this host reach it?' "$2" ;;
    28) printf 'no answer from %s in time (a firewall dropping traffic, or a proxy needed?)' "$2" ;;
    35 | 51 | 53 | 54 | 58 | 59 | 60 | 64 | 66 | 77 | 80 | 82 | 83 | 90 | 91)
      printf 'TLS with %s failed (certificate not trusted, expired or for another name?)' "$2" ;;
    47) printf 'too many redirects from %s' "$2" ;;
    52) printf 'the server at %s closed the connection without an answer' "$2" ;;
    56) printf 'the connection to %s broke while receiving' "$2" ;;
    *) printf 'the request to %s failed (curl exit code %s)' "$2" "$1" ;;
  esac
}

# http_request METHOD URL OUTPUT [JSON_BODY_FILE]: sets HTTP_STATUS; an unreachable server ends the script.
HTTP_STATUS=''
http_request() {
  hr_code=0
  if [ "$#" -ge 4 ]; then
    HTTP_STATUS=$(curl -sS --proto '=http,https' --connect-timeout 10 --max-time 60 -X "$1" \
      -H 'content-type: application/json' -H 'accept: application/json' \
      -H "user-agent: berth-install/$AGENT_VERSION" --data-binary "@$4" \
      -o "$3" -w '%{http_code}' "$2" 2>"$TMP_DIR/curl.err") || hr_code=$?
  else
    # shellcheck disable=SC2086 # CURL_COMPRESSED is one flag or nothing
    HTTP_STATUS=$(curl -sS -L $CURL_COMPRESSED --proto '=http,https' --connect-timeout 10 --max-time 600 \
      -H "user-agent: berth-install/$AGENT_VERSION" \
      -o "$3" -w '%{http_code}' "$2" 2>"$TMP_DIR/curl.err") || hr_code=$?
  fi
  if [ "$hr_code" -ne 0 ]; then
    die "$(curl_problem "$hr_code" "$2") [$(head -n 1 "$TMP_DIR/curl.err")]"
  fi
}

# json_field FILE NAME: the decoded string value of the first "NAME": "..." in FILE.
json_field() {
  awk -v name="$2" '
    BEGIN { RS = "\001" }
    {
      key = "\"" name "\""
      at = index($0, key)
      if (!at) exit 1
      rest = substr($0, at + length(key))
      if (!sub(/^[ \t\r\n]*:[ \t\r\n]*"/, "", rest)) exit 1
      out = ""
      while (length(rest) > 0) {
        c = substr(rest, 1, 1)
        if (c == "\\") {
          e = substr(rest, 2, 1)
          if (e == "n") out = out " "
          else if (e == "t") out = out " "
          else if (e == "u") { out = out "\\u" substr(rest, 3, 4); rest = substr(rest, 5) }
          else out = out e
          rest = substr(rest, 3)
          continue
        }
        if (c == "\"") { print out; found = 1; exit 0 }
        out = out c
        rest = substr(rest, 2)
      }
      exit 1
    }
    END { if (!found) exit 1 }' "$1"
}

# A non-2xx answer as a sentence: Berth's `{ error: { code, message } }`, else the body's start.
http_problem() {
  hp_message=$(json_field "$1" message 2>/dev/null || true)
  hp_code=$(json_field "$1" code 2>/dev/null || true)
  if [ -n "$hp_message" ]; then
    printf '(HTTP %s%s): %s' "$HTTP_STATUS" "${hp_code:+, $hp_code}" "$hp_message"
  else
    printf '(HTTP %s): %s' "$HTTP_STATUS" "$(tr -d '\000-\037' <"$1" | cut -c 1-200)"
  fi
}

download() {
  http_request GET "$1" "$2"
  case $HTTP_STATUS in
    2??) ;;
    *) die "downloading $1 failed $(http_problem "$2")" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# Enrolment: done here rather than by the agent so that a refused token is reported by this
# script with the server's own words, before anything is started.
# ---------------------------------------------------------------------------------------------
json_str() {
  printf '"%s"' "$(printf '%s' "$1" | tr -d '\000-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

# host_facts_json DOCKER_VERSION: what the agent itself would send (see @berth/protocol HostFacts).
host_facts_json() {
  hf_hostname=$(uname -n)
  hf_os=''
  if [ -r /etc/os-release ]; then
    hf_os=$(sed -n 's/^PRETTY_NAME=//p' /etc/os-release | head -n 1 | sed -e 's/^"//' -e 's/"$//')
  fi
  hf_cpus=$(grep -c '^cpu[0-9]' /proc/stat 2>/dev/null || true)
  case $hf_cpus in '' | 0 | *[!0-9]*) hf_cpus=1 ;; esac
  hf_mem=$(awk '/^MemTotal:/ { printf "%.0f", $2 * 1024 }' /proc/meminfo 2>/dev/null || true)
  case $hf_mem in '' | *[!0-9]*) hf_mem=0 ;; esac
  hf_docker=null
  if [ -n "$1" ]; then hf_docker=$(json_str "$1"); fi
  hf_machine=''
  if [ -s /etc/machine-id ]; then
    hf_machine=",\"machineId\":$(json_str "$(head -n 1 /etc/machine-id)")"
  fi
  printf '{"hostname":%s,"os":%s,"kernel":%s,"arch":%s,"cpus":%s,"memTotal":%s,"dockerVersion":%s%s}' \
    "$(json_str "$hf_hostname")" "$(json_str "$hf_os")" "$(json_str "$(uname -r)")" \
    "$(json_str "$(uname -m)")" "$hf_cpus" "$hf_mem" "$hf_docker" "$hf_machine"
}

# enrol DOCKER_VERSION: writes the agent's credentials.json (its own format) to $TMP_DIR.
enrol() {
  [ -n "$SERVER" ] || die "no Berth server given: pass --server <gateway URL>"
  [ -n "$TOKEN" ] || die "this host is not enrolled yet: pass --token <ENROLMENT_TOKEN> (create one in the console: Settings -> Enrolment)"
  if ! printf '%s' "$TOKEN" | grep -Eq '^berth_enrol_[A-Za-z0-9_-]{20,100}$'; then
    die "--token does not look like an enrolment token (berth_enrol_...): copy the whole install command from the console"
  fi
  say "Enrolling this host with $SERVER (the enrolment token is used once)"
  { printf '{"token":%s,"host":' "$(json_str "$TOKEN")"; host_facts_json "$1"; printf '}'; } >"$TMP_DIR/enrol.json"
  http_request POST "$SERVER/agent/v1/enrol" "$TMP_DIR/enrol-answer.json" "$TMP_DIR/enrol.json"
  rm -f "$TMP_DIR/enrol.json"
  case $HTTP_STATUS in
    2??) ;;
    *) die "the server refused the enrolment $(http_problem "$TMP_DIR/enrol-answer.json")" ;;
  esac
  en_host=$(json_field "$TMP_DIR/enrol-answer.json" hostId || true)
  en_credential=$(json_field "$TMP_DIR/enrol-answer.json" credential || true)
  if ! printf '%s' "$en_host" | grep -Eq '^[0-9a-fA-F-]{36}$' ||
    ! printf '%s' "$en_credential" | grep -Eq '^berth_host_[A-Za-z0-9_-]+$'; then
    die "unexpected answer from $SERVER/agent/v1/enrol (HTTP $HTTP_STATUS): is --server the Berth gateway URL?"
  fi
  (
    umask 077
    printf '{\n  "hostId": "%s",\n  "credential": "%s",\n  "server": %s,\n  "enrolledAt": "%s"\n}\n' \
      "$en_host" "$en_credential" "$(json_str "$SERVER")" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
      >"$TMP_DIR/credentials.json"
  )
  note "enrolled as host $en_host"
}

# ---------------------------------------------------------------------------------------------
# Processes (native supervisor)
# ---------------------------------------------------------------------------------------------
read_pid() {
  if [ -f "$1" ]; then
    rp_pid=$(head -n 1 "$1" 2>/dev/null || true)
    case $rp_pid in '' | *[!0-9]*) ;; *) printf '%s' "$rp_pid" ;; esac
  fi
}

# True when PID runs something from this installation (not a recycled pid).
is_ours() {
  kill -0 "$1" 2>/dev/null || return 1
  [ -r "/proc/$1/cmdline" ] || return 0
  tr '\000' ' ' <"/proc/$1/cmdline" | grep -qF -- "$OPT_DIR/"
}

# stop_pid PID SECONDS: SIGTERM, then SIGKILL after SECONDS.
stop_pid() {
  is_ours "$1" || return 0
  kill -TERM "$1" 2>/dev/null || true
  sp_waited=0
  while is_ours "$1"; do
    if [ "$sp_waited" -ge "$2" ]; then
      warn "process $1 did not stop within $2 s; killing it"
      kill -KILL "$1" 2>/dev/null || true
      break
    fi
    sleep 1
    sp_waited=$((sp_waited + 1))
  done
}

supervisor_pid() {
  sv_pid=$(read_pid "$PID_FILE")
  if [ -n "$sv_pid" ] && is_ours "$sv_pid"; then printf '%s' "$sv_pid"; fi
}

stop_supervisor() {
  ss_pid=$(read_pid "$PID_FILE")
  ss_child=$(read_pid "$CHILD_PID_FILE")
  if [ -n "$ss_pid" ]; then stop_pid "$ss_pid" 30; fi
  if [ -n "$ss_child" ]; then stop_pid "$ss_child" 10; fi
  rm -f "$PID_FILE" "$CHILD_PID_FILE"
}

# ---------------------------------------------------------------------------------------------
# Native mode
# ---------------------------------------------------------------------------------------------
# AGENT_TARGET: the executable for this host, linux-<x64|arm64>-<gnu|musl>. The executable is
# dynamically linked to its C library's loader, so the loader present decides; glibc first, as a
# glibc host may carry musl's loader too (Debian's musl package) but musl hosts rarely glibc's.
AGENT_TARGET=''
detect_target() {
  [ "$(uname -s)" = Linux ] || die "the native agent runs on Linux; this is $(uname -s): use --mode docker"
  case $(uname -m) in
    x86_64 | amd64) dt_arch=x64; dt_glibc=/lib64/ld-linux-x86-64.so.2; dt_musl=/lib/ld-musl-x86_64.so.1 ;;
    aarch64 | arm64) dt_arch=arm64; dt_glibc=/lib/ld-linux-aarch64.so.1; dt_musl=/lib/ld-musl-aarch64.so.1 ;;
    *) die "the native agent is built for x86_64 and aarch64; this host is $(uname -m): use --mode docker" ;;
  esac
  if [ -e "$dt_glibc" ]; then
    AGENT_TARGET=linux-$dt_arch-gnu
  elif [ -e "$dt_musl" ]; then
    AGENT_TARGET=linux-$dt_arch-musl
  else
    die "found neither glibc's loader ($dt_glibc) nor musl's ($dt_musl) on this host: the native agent needs one of them; use --mode docker"
  fi
  note "this host is $AGENT_TARGET"
}

agent_args() {
  printf -- '--state-dir %s --install-mode native --download-url %s' "$NATIVE_STATE_DIR" "$DOWNLOAD_BASE"
  if [ -n "$INTERVAL" ]; then printf -- ' --interval %s' "$INTERVAL"; fi
  if [ -n "$AGENT_DOCKER_HOST" ]; then printf -- ' --docker-host %s' "$AGENT_DOCKER_HOST"; fi
  if [ "$READ_ONLY" -eq 1 ]; then printf -- ' --read-only'; fi
}

write_supervisor() {
  cat <<EOF
#!/bin/sh
# Berth agent supervisor, written by install.sh (no systemd on this host): runs the agent and
# starts it again when it exits, after 1 s doubling to 60 s (back to 1 s once it ran a minute,
# or when it exits with $EXIT_RESTART after updating itself). SIGTERM stops the agent and then the
# supervisor. Exit code $EXIT_DO_NOT_RESTART from the agent (host revoked, credential refused) stops the
# supervisor: restarting would not help.
set -u
PID_FILE='$PID_FILE'
CHILD_PID_FILE='$CHILD_PID_FILE'
child=''
stopping=0
log() { printf '%s berth-agent-supervisor: %s\\n' "\$(date -u +%Y-%m-%dT%H:%M:%SZ)" "\$*"; }
stop() {
  stopping=1
  if [ -n "\$child" ]; then kill -TERM "\$child" 2>/dev/null || true; fi
}
trap stop TERM INT HUP
echo "\$\$" >"\$PID_FILE"
log "started (pid \$\$)"
delay=1
while [ "\$stopping" -eq 0 ]; do
  started=\$(date +%s)
  '$AGENT_BIN' $(agent_args) &
  child=\$!
  echo "\$child" >"\$CHILD_PID_FILE"
  # A signal between the fork and the assignment above found no child to pass it on to.
  if [ "\$stopping" -eq 1 ]; then kill -TERM "\$child" 2>/dev/null || true; fi
  code=0
  wait "\$child" || code=\$?
  # wait returns early when a trapped signal arrives: wait for the agent itself.
  while kill -0 "\$child" 2>/dev/null; do
    code=0
    wait "\$child" || code=\$?
  done
  child=''
  rm -f "\$CHILD_PID_FILE"
  [ "\$stopping" -eq 0 ] || break
  if [ "\$code" -eq $EXIT_DO_NOT_RESTART ]; then
    log "the agent exited with code $EXIT_DO_NOT_RESTART (revoked or refused): not restarting it; see the lines above"
    break
  fi
  ran=\$((\$(date +%s) - started))
  if [ "\$ran" -ge 60 ] || [ "\$code" -eq $EXIT_RESTART ]; then delay=1; fi
  log "the agent exited with code \$code after \$ran s; starting it again in \$delay s"
  sleep "\$delay" &
  child=\$!
  wait "\$child" || true
  child=''
  delay=\$((delay * 2))
  if [ "\$delay" -gt 60 ]; then delay=60; fi
done
rm -f "\$PID_FILE"
log "stopped"
EOF
}

write_unit() {
  cat <<EOF
# Written by the Berth install script; remove with: install.sh --uninstall
[Unit]
Description=Berth agent (reports this Docker host to Berth)
Wants=network-online.target
After=network-online.target docker.service

[Service]
Type=simple
ExecStart=$AGENT_BIN $(agent_args)
Restart=always
RestartSec=5
# The agent exits with $EXIT_DO_NOT_RESTART when restarting cannot help (host revoked, credential refused);
# after updating its executable it exits with $EXIT_RESTART, which Restart=always restarts like any other.
RestartPreventExitStatus=$EXIT_DO_NOT_RESTART
NoNewPrivileges=yes
ProtectSystem=full
ProtectHome=read-only
PrivateTmp=yes

[Install]
WantedBy=multi-user.target
EOF
}

use_systemd() {
  [ -z "$PREFIX" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1
}

# replace_file CANDIDATE TARGET MODE: installs CANDIDATE only when TARGET differs; FILE_CHANGED=0/1.
FILE_CHANGED=0
replace_file() {
  FILE_CHANGED=0
  if [ -f "$2" ] && cmp -s "$1" "$2"; then return 0; fi
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2.new"
  chmod "$3" "$2.new"
  mv -f "$2.new" "$2"
  FILE_CHANGED=1
}

native_install() {
  say "Installing the Berth agent natively${PREFIX:+ under $PREFIX}"
  if [ -z "$PREFIX" ] && [ "$(id -u)" -ne 0 ]; then
    die "native mode writes to /opt, /etc and /var: run this script as root (... | sudo sh -s -- ...)"
  fi
  detect_target
  command -v sha256sum >/dev/null 2>&1 || die "sha256sum is required (GNU coreutils or busybox)"
  [ -n "$DOWNLOAD_BASE" ] || die "no Berth URL to download the agent from: pass --server (or --download-url)"
  # The agent downloads its updates from here too: the URL ends up unquoted in the unit and the
  # supervisor script, so keep it plain.
  case $DOWNLOAD_BASE in
    *[!A-Za-z0-9_./:@%-]*) die "the download URL may contain only letters, digits and _ . / : @ % - (got '$DOWNLOAD_BASE'): pass --download-url" ;;
  esac
  changed=0

  if [ -f "$NATIVE_STATE_DIR/revoked.json" ]; then
    die "this host was revoked in Berth ($NATIVE_STATE_DIR/revoked.json): run this script with --uninstall, then install again with a new enrolment token"
  fi

  agent_url=$DOWNLOAD_BASE/agent/berth-agent-$AGENT_TARGET
  say "Checking the agent at $agent_url"
  download "$agent_url.sha256" "$TMP_DIR/berth-agent.sha256"
  expected=$(awk 'NR == 1 { print $1 }' "$TMP_DIR/berth-agent.sha256")
  printf '%s' "$expected" | grep -Eq '^[0-9a-f]{64}$' ||
    die "$agent_url.sha256 is not a sha256 checksum file"

  # Download and verify before enrolling: a bad download must not use up the token.
  installed=''
  if [ -f "$AGENT_BIN" ]; then installed=$(sha256sum "$AGENT_BIN" | awk '{ print $1 }'); fi
  new_agent=0
  if [ "$installed" = "$expected" ]; then
    note "agent executable up to date (sha256 $expected)"
  else
    say "Downloading the agent ($agent_url)"
    download "$agent_url" "$TMP_DIR/berth-agent"
    actual=$(sha256sum "$TMP_DIR/berth-agent" | awk '{ print $1 }')
    if [ "$actual" != "$expected" ]; then
      die "checksum mismatch for the downloaded agent (expected $expected, got $actual): the download was corrupted or altered on the way; nothing was installed"
    fi
    note "sha256 verified: $actual"
    chmod 0755 "$TMP_DIR/berth-agent"
    "$TMP_DIR/berth-agent" --version >"$TMP_DIR/version.txt" 2>&1 ||
      die "the downloaded agent ($AGENT_TARGET) does not start on this host: $(head -n 3 "$TMP_DIR/version.txt")"
    new_agent=1
  fi

  if [ -f "$NATIVE_STATE_DIR/credentials.json" ]; then
    stored_server=$(json_field "$NATIVE_STATE_DIR/credentials.json" server 2>/dev/null || true)
    note "already enrolled ($NATIVE_STATE_DIR/credentials.json); the token is not needed again"
    if [ -n "$SERVER" ] && [ -n "$stored_server" ] && [ "$stored_server" != "$SERVER" ]; then
      warn "this host is enrolled with $stored_server, not $SERVER; to move it, run --uninstall first"
    fi
  else
    enrol ''
    mkdir -p "$NATIVE_STATE_DIR"
    chmod 0700 "$NATIVE_STATE_DIR"
    mv -f "$TMP_DIR/credentials.json" "$NATIVE_STATE_DIR/credentials.json"
    note "credential stored in $NATIVE_STATE_DIR/credentials.json (mode 0600)"
    changed=1
  fi

  if [ "$new_agent" -eq 1 ]; then
    mkdir -p "$OPT_DIR"
    cp "$TMP_DIR/berth-agent" "$AGENT_BIN.new"
    chmod 0755 "$AGENT_BIN.new"
    # The running executable stays as .prev (rollback by hand); the rename swaps atomically.
    if [ -f "$AGENT_BIN" ]; then ln -f "$AGENT_BIN" "$AGENT_BIN.prev"; fi
    mv -f "$AGENT_BIN.new" "$AGENT_BIN"
    # What the Node.js-bundle installs left behind.
    rm -f "$OPT_DIR/berth-agent.mjs" "$OPT_DIR/berth-agent.mjs.prev"
    note "installed $AGENT_BIN ($(cat "$TMP_DIR/version.txt"))"
    changed=1
  fi

  if use_systemd; then
    native_start_systemd "$changed"
  else
    native_start_supervisor "$changed"
  fi
}

native_start_systemd() {
  sd_changed=$1
  write_unit >"$TMP_DIR/berth-agent.service"
  replace_file "$TMP_DIR/berth-agent.service" "$UNIT_FILE" 0644
  if [ "$FILE_CHANGED" -eq 1 ]; then
    note "wrote $UNIT_FILE"
    systemctl daemon-reload
    sd_changed=1
  fi
  systemctl enable --quiet berth-agent.service
  if [ "$sd_changed" -eq 0 ] && systemctl is-active --quiet berth-agent.service; then
    say "Berth agent already installed, up to date (systemd unit berth-agent.service is running)"
    return 0
  fi
  say "Starting the agent (systemctl restart berth-agent.service)"
  systemctl restart berth-agent.service
  sleep 3
  if ! systemctl is-active --quiet berth-agent.service; then
    journalctl -u berth-agent.service -n 20 --no-pager >&2 || true
    die "the agent did not stay up: see journalctl -u berth-agent.service"
  fi
  say "Berth agent installed and running (systemd unit berth-agent.service; logs: journalctl -u berth-agent)"
}

native_start_supervisor() {
  ns_changed=$1
  if [ -z "$PREFIX" ]; then
    note "systemd is not running here: the agent runs under a small supervisor loop instead"
  else
    note "--prefix given: using the built-in supervisor rather than systemd"
  fi
  write_supervisor >"$TMP_DIR/supervisor.sh"
  replace_file "$TMP_DIR/supervisor.sh" "$SUPERVISOR" 0755
  if [ "$FILE_CHANGED" -eq 1 ]; then
    note "wrote $SUPERVISOR"
    ns_changed=1
  fi
  running=$(supervisor_pid)
  if [ "$ns_changed" -eq 0 ] && [ -n "$running" ]; then
    say "Berth agent already installed, up to date (supervisor pid $running, log $LOG_FILE)"
    return 0
  fi
  if [ -n "$running" ]; then
    say "Restarting the agent with the new version or settings"
    stop_supervisor
  else
    say "Starting the agent"
  fi
  mkdir -p "$(dirname "$PID_FILE")" "$(dirname "$LOG_FILE")"
  touch "$LOG_FILE"
  chmod 0640 "$LOG_FILE"
  log_lines=$(wc -l <"$LOG_FILE")
  rm -f "$PID_FILE"
  if command -v setsid >/dev/null 2>&1; then
    setsid sh "$SUPERVISOR" </dev/null >>"$LOG_FILE" 2>&1 &
  else
    nohup sh "$SUPERVISOR" </dev/null >>"$LOG_FILE" 2>&1 &
  fi
  wait_for_agent_start "$log_lines"
  say "Berth agent installed and running (supervisor pid $(supervisor_pid), log $LOG_FILE)"
  note "without systemd nothing starts the agent after a reboot: run this script again then,"
  note "or have your init system run: sh $SUPERVISOR >>$LOG_FILE 2>&1 &"
}

# The agent logs "agent started" once enrolled and connected to its collectors; the supervisor
# logs each exit. Waits for one of them in the log lines after LINES.
wait_for_agent_start() {
  ws_waited=0
  while [ "$ws_waited" -lt 30 ]; do
    ws_new=$(tail -n "+$(($1 + 1))" "$LOG_FILE")
    case $ws_new in
      *'"msg":"agent started"'*) return 0 ;;
      *'the agent exited with code'* | *'not restarting it'*)
        printf '%s\n' "$ws_new" | tail -n 15 >&2
        stop_supervisor
        die "the agent did not start (its log is above, and in $LOG_FILE)"
        ;;
    esac
    sleep 1
    ws_waited=$((ws_waited + 1))
  done
  warn "the agent has not reported that it started after 30 s; see $LOG_FILE"
}

# Each uninstall step sets REMOVED=1 when it found something to remove.
native_uninstall() {
  if use_systemd && [ -f "$UNIT_FILE" ]; then
    systemctl disable --now --quiet berth-agent.service || true
    rm -f "$UNIT_FILE"
    systemctl daemon-reload || true
    note "stopped and removed the systemd unit $UNIT_FILE"
    REMOVED=1
  fi
  if [ -n "$(read_pid "$PID_FILE")$(read_pid "$CHILD_PID_FILE")" ]; then
    stop_supervisor
    note "stopped the agent and its supervisor; removed $PID_FILE"
    REMOVED=1
  fi
  for nu_path in "$UNIT_FILE" "$OPT_DIR" "$LOG_FILE" "$NATIVE_STATE_DIR"; do
    if [ -e "$nu_path" ]; then
      rm -rf "$nu_path"
      case $nu_path in
        "$NATIVE_STATE_DIR") note "removed $nu_path (the host's credential and unsent data)" ;;
        *) note "removed $nu_path" ;;
      esac
      REMOVED=1
    fi
  done
}

# ---------------------------------------------------------------------------------------------
# Docker mode
# ---------------------------------------------------------------------------------------------
DOCKER_STATE=''
DOCKER_PROBLEM=''
# Sets DOCKER_STATE to ok | missing | denied | down, and DOCKER_PROBLEM to what docker said.
probe_docker() {
  if ! command -v docker >/dev/null 2>&1; then
    DOCKER_STATE=missing
    DOCKER_PROBLEM='the docker command is not installed'
  elif docker info >/dev/null 2>"$TMP_DIR/docker-info.err"; then
    DOCKER_STATE=ok
  else
    DOCKER_PROBLEM=$(grep -v '^[[:space:]]*$' "$TMP_DIR/docker-info.err" | tail -n 1)
    DOCKER_STATE=down
    if grep -qi 'permission denied' "$TMP_DIR/docker-info.err"; then DOCKER_STATE=denied; fi
  fi
}

docker_endpoint() {
  printf '%s' "${DOCKER_HOST:-unix:///var/run/docker.sock}"
}

require_docker() {
  probe_docker
  case $DOCKER_STATE in
    ok) ;;
    missing) die "--mode docker needs Docker, but the docker command is not installed; install Docker or use --mode native" ;;
    denied) die "no permission on the Docker socket ($(docker_endpoint)): run this script as root (... | sudo sh -s -- ...) or as a member of the docker group [$DOCKER_PROBLEM]" ;;
    *) die "no Docker engine answers at $(docker_endpoint): start Docker (systemctl start docker), or install without it: --mode native [$DOCKER_PROBLEM]" ;;
  esac
}

ensure_image() {
  if docker image inspect "$IMAGE" >/dev/null 2>&1; then
    note "image $IMAGE is present"
    return 0
  fi
  say "Pulling $IMAGE"
  if ! docker pull "$IMAGE" >"$TMP_DIR/pull.log" 2>&1; then
    die "the agent image $IMAGE is not on this host and could not be pulled [$(tail -n 1 "$TMP_DIR/pull.log")]: check the registry access, load it with docker load, or pass --image"
  fi
}

# Runs JavaScript in a throw-away agent container with the state mounted where the agent has it,
# so an empty named volume is first populated from the image (owner and mode of the directory).
# The image has no shell and no node: the agent executable itself evaluates it (BUN_BE_BUN=1
# makes a Bun-compiled executable behave as the bun it carries).
image_eval() {
  docker run --rm -i --network none --entrypoint /opt/berth-agent/berth-agent -e BUN_BE_BUN=1 "$@"
}
state_helper() {
  image_eval -v "$STATE_MOUNT:$CONTAINER_STATE_DIR" "$IMAGE" -e "$1"
}

# Exit codes of STATE_CHECK_JS: 0 enrolled, 3 no credential yet, 4 revoked.
STATE_CHECK_JS="const fs = require('fs'); const d = '$CONTAINER_STATE_DIR';
if (fs.existsSync(d + '/revoked.json')) process.exit(4);
process.exit(fs.existsSync(d + '/credentials.json') ? 0 : 3);"
STATE_WRITE_JS="const fs = require('fs'); const f = '$CONTAINER_STATE_DIR/credentials.json';
fs.writeFileSync(f + '.tmp', fs.readFileSync(0), { mode: 0o600 }); fs.renameSync(f + '.tmp', f);"

# Enrols unless the state already holds a credential; ENROLLED=1 when it enrolled now.
ENROLLED=0
docker_enrolment() {
  ENROLLED=0
  de_code=0
  state_helper "$STATE_CHECK_JS" </dev/null || de_code=$?
  case $de_code in
    0)
      note "already enrolled (credentials.json in $STATE_MOUNT); the token is not needed again"
      return 0
      ;;
    4) die "this host was revoked in Berth (revoked.json in $STATE_MOUNT): run this script with --uninstall, then install again with a new enrolment token" ;;
    3) ;;
    *) die "could not read the agent's state in $STATE_MOUNT (exit $de_code) with the image $IMAGE" ;;
  esac
  enrol "$(docker version --format '{{.Server.Version}}' 2>/dev/null || true)"
  state_helper "$STATE_WRITE_JS" <"$TMP_DIR/credentials.json" ||
    die "could not write the credential into $STATE_MOUNT"
  rm -f "$TMP_DIR/credentials.json"
  note "credential stored in $STATE_MOUNT (credentials.json, mode 0600)"
  ENROLLED=1
}

prepare_state_mount() {
  if [ -z "$STATE_DIR" ]; then
    STATE_MOUNT=$VOLUME_NAME
    if ! docker volume inspect "$VOLUME_NAME" >/dev/null 2>&1; then
      docker volume create --label berth.agent=1 "$VOLUME_NAME" >/dev/null
      note "created the volume $VOLUME_NAME for the agent's credential and spool"
    fi
    return 0
  fi
  STATE_MOUNT=$STATE_DIR
  if [ ! -d "$STATE_DIR" ]; then
    mkdir -p "$STATE_DIR"
    note "created $STATE_DIR for the agent's credential and spool"
  fi
  # The agent runs as the image's non-root user: it must own its state directory.
  ps_owner=$(image_eval "$IMAGE" -p 'process.getuid() + ":" + process.getgid()' </dev/null)
  chown "$ps_owner" "$STATE_DIR"
  chmod 0700 "$STATE_DIR"
}

# The agent's `docker run` arguments, one per line, without the config label (see docker_install).
docker_run_args() {
  printf '%s\n' --name "$CONTAINER_NAME" --restart unless-stopped --network host \
    --label berth.agent=1 --label "berth.state=$STATE_MOUNT" \
    --read-only --security-opt no-new-privileges:true \
    --log-opt max-size=10m --log-opt max-file=3 -e BERTH_INSTALL_MODE=docker \
    -v "$STATE_MOUNT:$CONTAINER_STATE_DIR" \
    -v /proc:/host/proc:ro -e BERTH_PROC_ROOT=/host/proc \
    -v /:/host/root:ro -e BERTH_HOST_ROOT=/host/root
  dr_host=$AGENT_DOCKER_HOST
  if [ -z "$dr_host" ]; then
    case ${DOCKER_HOST:-} in tcp://* | http://* | https://*) dr_host=$DOCKER_HOST ;; esac
  fi
  if [ -n "$dr_host" ]; then
    printf '%s\n' -e "DOCKER_HOST=$dr_host"
  else
    dr_socket=/var/run/docker.sock
    case ${DOCKER_HOST:-} in unix://*) dr_socket=${DOCKER_HOST#unix://} ;; esac
    [ -S "$dr_socket" ] || die "the Docker socket $dr_socket is not on this host: pass --docker-host URL"
    # The agent is not root in its container: it reaches the socket through the socket's group.
    printf '%s\n' -v "$dr_socket:/var/run/docker.sock" --group-add "$(stat -c %g "$dr_socket")"
  fi
  if [ -n "$INTERVAL" ]; then printf '%s\n' -e "BERTH_INTERVAL=$INTERVAL"; fi
  if [ "$READ_ONLY" -eq 1 ]; then printf '%s\n' -e BERTH_READ_ONLY=1; fi
}

docker_install() {
  say "Installing the Berth agent as a Docker container ($CONTAINER_NAME)"
  require_docker
  note "Docker engine $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?') at $(docker_endpoint)"
  ensure_image
  prepare_state_mount
  docker_enrolment
  dk_changed=$ENROLLED

  docker_run_args >"$TMP_DIR/run-args"
  dk_image_id=$(docker image inspect --format '{{.Id}}' "$IMAGE")
  dk_config=$({ cat "$TMP_DIR/run-args"; printf '%s\n' "$IMAGE" "$dk_image_id"; } | sha256sum | cut -c 1-16)
  dk_current=$(docker inspect --format '{{ index .Config.Labels "berth.config" }}' "$CONTAINER_NAME" 2>/dev/null || true)
  dk_running=$(docker inspect --format '{{.State.Running}}' "$CONTAINER_NAME" 2>/dev/null || true)
  dk_since=$(date +%s)
  if [ "$dk_changed" -eq 0 ] && [ "$dk_current" = "$dk_config" ]; then
    if [ "$dk_running" = true ]; then
      say "Berth agent already installed, up to date (container $CONTAINER_NAME, image $IMAGE)"
      return 0
    fi
    say "Starting the existing agent container"
    docker start "$CONTAINER_NAME" >/dev/null
  else
    if [ -n "$dk_current" ] || [ -n "$dk_running" ]; then
      say "Replacing the agent container (new image or settings)"
      docker rm -f "$CONTAINER_NAME" >/dev/null
    else
      say "Starting the agent container"
    fi
    # One argument per line, none with a newline: the list is safe to split on newlines only.
    set --
    while IFS= read -r dk_arg; do set -- "$@" "$dk_arg"; done <"$TMP_DIR/run-args"
    docker run -d "$@" --label "berth.config=$dk_config" "$IMAGE" >/dev/null ||
      die "docker run failed (see the message above)"
  fi
  wait_for_container "$dk_since"
  say "Berth agent installed and running (container $CONTAINER_NAME; logs: docker logs $CONTAINER_NAME)"
}

# Waits for "agent started" in the container's log since the epoch second $1 (not an older run's).
wait_for_container() {
  wc_waited=0
  while [ "$wc_waited" -lt 30 ]; do
    if docker logs --since "$1" "$CONTAINER_NAME" 2>&1 | grep -q '"msg":"agent started"'; then return 0; fi
    if [ "$(docker inspect --format '{{.State.Running}}' "$CONTAINER_NAME" 2>/dev/null)" != true ] &&
      [ "$(docker inspect --format '{{.State.Restarting}}' "$CONTAINER_NAME" 2>/dev/null)" != true ]; then
      docker logs --tail 15 "$CONTAINER_NAME" >&2 || true
      die "the agent container stopped (its log is above; docker logs $CONTAINER_NAME)"
    fi
    sleep 1
    wc_waited=$((wc_waited + 1))
  done
  docker logs --tail 15 "$CONTAINER_NAME" >&2 || true
  warn "the agent has not reported that it started after 30 s (its log is above)"
}

docker_uninstall() {
  du_state=$(docker inspect --format '{{ index .Config.Labels "berth.state" }}' "$CONTAINER_NAME" 2>/dev/null || true)
  if docker inspect "$CONTAINER_NAME" >/dev/null 2>&1; then
    docker rm -f "$CONTAINER_NAME" >/dev/null
    note "removed the container $CONTAINER_NAME"
    REMOVED=1
  fi
  if docker volume inspect "$VOLUME_NAME" >/dev/null 2>&1; then
    docker volume rm "$VOLUME_NAME" >/dev/null
    note "removed the volume $VOLUME_NAME (the host's credential and unsent data)"
    REMOVED=1
  fi
  du_dir=${STATE_DIR:-$du_state}
  case $du_dir in
    /?*)
      if [ -d "$du_dir" ]; then
        rm -rf "$du_dir"
        note "removed $du_dir (the host's credential and unsent data)"
        REMOVED=1
      fi
      ;;
  esac
  if [ "$REMOVED" -eq 1 ]; then
    note "kept the image $IMAGE (docker rmi $IMAGE removes it)"
  fi
}

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------
if [ "$UNINSTALL" -eq 1 ]; then
  say "Removing the Berth agent"
  REMOVED=0
  # Without --mode, whatever this script may have installed: the container and the native files.
  case $MODE in
    docker) require_docker ;;
    native) DOCKER_STATE=skipped ;;
    *) probe_docker ;;
  esac
  if [ "$DOCKER_STATE" = ok ]; then docker_uninstall; fi
  if [ "$MODE" != docker ]; then native_uninstall; fi
  if [ "$REMOVED" -eq 1 ]; then
    say "Berth agent removed. The host stays listed in Berth until you delete it in the console."
  else
    say "Nothing to remove: no Berth agent installed by this script was found"
  fi
  exit 0
fi

if [ -z "$MODE" ]; then
  probe_docker
  case $DOCKER_STATE in
    ok) MODE=docker; note "a Docker engine answers at $(docker_endpoint): installing in docker mode (--mode native to override)" ;;
    denied) die "a Docker engine is here but this user may not use it ($(docker_endpoint)): run this script as root (... | sudo sh -s -- ...), or choose --mode native [$DOCKER_PROBLEM]" ;;
    *) MODE=native; note "no usable Docker engine ($DOCKER_PROBLEM): installing in native mode" ;;
  esac
fi

if [ "$MODE" = docker ]; then
  docker_install
else
  native_install
fi
