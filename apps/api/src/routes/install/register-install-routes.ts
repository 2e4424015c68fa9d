import type { ApiApp, ApiContext } from '../../context.js';
import { registerGetAgentBundle } from './get-agent-bundle.js';
import { registerGetAgentBundleChecksum } from './get-agent-bundle-checksum.js';
import { registerGetInstallScript } from './get-install-script.js';
import { type InstallFilesOptions, resolveInstallFiles } from './install-files.js';

export type { InstallFilesOptions } from './install-files.js';

/**
 * Public downloads for installing agents: GET /install.sh, /agent/berth-agent.mjs and its
 * .sha256. Outside /api/, so a reverse proxy must route these three paths to the API.
 */
export function registerInstallRoutes(
  app: ApiApp,
  ctx: Pick<ApiContext, 'settings'>,
  options: InstallFilesOptions = {},
): void {
  const files = resolveInstallFiles(options);
  registerGetInstallScript(app, ctx, files);
  registerGetAgentBundle(app, files);
  registerGetAgentBundleChecksum(app, files);
}
