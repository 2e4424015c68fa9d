import { AGENT_VERSION } from './agent-version.js';

export const HELP_TEXT = `berth-agent ${AGENT_VERSION} — reports this Docker host to Berth

Usage:
  berth-agent --server URL --token TOKEN [options]   first start: enrol this host
  berth-agent [options]                              later starts use the stored credential

Options (each also read from the environment variable shown; a flag wins over the variable):
  --server URL            Berth server, e.g. https://berth.example.com         BERTH_SERVER
  --token TOKEN           enrolment token, used once on the first start         BERTH_TOKEN
  --state-dir DIR         credential and spool (default /var/lib/berth-agent)  BERTH_STATE_DIR
  --interval SECONDS      batch interval, at least 1 (default 10)              BERTH_INTERVAL
  --read-only             never run actions (restart, stop, ...)                BERTH_READ_ONLY=1
  --allow-exec            serve exec terminals (docs/exec.md; not read-only)  BERTH_ALLOW_EXEC=1
  --log-level LEVEL       fatal|error|warn|info|debug|trace|silent (info)       BERTH_LOG_LEVEL
  --docker-host URL       Docker engine (default unix:///var/run/docker.sock)   DOCKER_HOST
  --proc-root DIR         host's /proc when run in a container (default /proc)  BERTH_PROC_ROOT
  --host-root DIR         host's / when run in a container (default /)     BERTH_HOST_ROOT
  --spool-max-bytes SIZE  disk for unsent batches, e.g. 64MiB (default 64MiB)  BERTH_SPOOL_MAX_BYTES
  --install-mode MODE     native|docker, set by install.sh: enables update      BERTH_INSTALL_MODE
  --download-url URL      where native updates download the agent (server)      BERTH_DOWNLOAD_URL
  -h, --help              show this help
  -v, --version           print the version

Exit codes: 0 stopped, 1 error, 2 bad arguments or environment.
`;
