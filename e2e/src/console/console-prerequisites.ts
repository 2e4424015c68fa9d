import { existsSync } from 'node:fs';
import { dockerAvailability } from '@berth/test-docker';
import { AGENT_BUNDLE, API_SERVER, browserTestProblem } from '../support/console-env.js';
import { GATEWAY_SERVER } from '../support/start-gateway.js';

export type Prerequisites = { ok: true } | { ok: false; reason: string };

/**
 * What the console flows need and cannot make themselves: a Docker engine, Chromium, the
 * console's production build and the built gateway, API and agent bundle. The first thing
 * missing becomes the reason in the skipped suite's title, so a run without them says so.
 */
export async function consolePrerequisites(): Promise<Prerequisites> {
  const docker = await dockerAvailability();
  if (!docker.ok) return { ok: false, reason: docker.reason };
  const browser = browserTestProblem();
  if (browser) return { ok: false, reason: browser };
  for (const file of [GATEWAY_SERVER, API_SERVER, AGENT_BUNDLE]) {
    if (!existsSync(file)) return { ok: false, reason: `${file} is missing: npm run build` };
  }
  return { ok: true };
}
