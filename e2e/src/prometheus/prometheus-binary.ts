import { accessSync, constants } from 'node:fs';

/** Debian's `prometheus` package installs the server in /usr/bin (.ci/run installs it). */
export function prometheusBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.BERTH_PROMETHEUS_BINARY ?? '/usr/bin/prometheus';
}

/** Why the real-Prometheus test cannot run here, or undefined when it can. */
export function prometheusProblem(): string | undefined {
  try {
    accessSync(prometheusBinary(), constants.X_OK);
    return undefined;
  } catch {
    return `no Prometheus server at ${prometheusBinary()} (apt-get install prometheus, or set BERTH_PROMETHEUS_BINARY)`;
  }
}
