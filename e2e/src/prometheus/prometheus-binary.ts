import { accessSync, constants } from 'node:fs';

/** Debian's `prometheus` package installs the server here (.ci/run installs it). */
export const DEFAULT_PROMETHEUS_BINARY = '/usr/bin/prometheus';

/** Why the real-Prometheus test cannot run with `binary`, or undefined when it can. */
export function prometheusProblem(binary: string): string | undefined {
  try {
    accessSync(binary, constants.X_OK);
    return undefined;
  } catch {
    return `no Prometheus server at ${binary} (apt-get install prometheus, or set BERTH_PROMETHEUS_BINARY)`;
  }
}
