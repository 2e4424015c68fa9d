import { docker } from './docker-cli.js';

export type DockerAvailability = { ok: true; version: string } | { ok: false; reason: string };

let cached: Promise<DockerAvailability> | undefined;

/**
 * Whether a Docker engine answers here. Tests use the reason in `describe.skipIf(...)`
 * titles so a run without dockerd reports them skipped, with why, instead of passing.
 */
export function dockerAvailability(): Promise<DockerAvailability> {
  cached ??= (async () => {
    if (process.env.BERTH_DOCKER_UNAVAILABLE)
      return { ok: false, reason: process.env.BERTH_DOCKER_UNAVAILABLE };
    try {
      return { ok: true, version: await docker('version', '--format', '{{.Server.Version}}') };
    } catch (error) {
      return { ok: false, reason: `no Docker engine: ${(error as Error).message.split('\n')[0]}` };
    }
  })();
  return cached;
}
