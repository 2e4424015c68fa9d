import type { ApiApp, ApiContext } from '../../context.js';
import { registerGetAgentExecutable } from './get-agent-executable.js';
import { registerGetInstallScript } from './get-install-script.js';
import { type InstallFilesOptions, resolveInstallFiles } from './install-files.js';

export type { InstallFilesOptions } from './install-files.js';

/**
 * Public downloads for installing agents: GET /install.sh and /agent/berth-agent-linux-<arch>-<libc>
 * with its .sha256. Outside /api/, so a reverse proxy must route /install.sh and /agent/ to the API.
 */
export function registerInstallRoutes(
  app: ApiApp,
  ctx: Pick<ApiContext, 'settings'>,
  options: InstallFilesOptions = {},
): void {
  const files = resolveInstallFiles(options);
  registerGetInstallScript(app, ctx, files);
  registerGetAgentExecutable(app, files);
}
