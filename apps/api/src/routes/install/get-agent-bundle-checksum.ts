import type { ApiApp } from '../../context.js';
import type { InstallFiles } from './install-files.js';
import { readAgentBundle } from './read-agent-bundle.js';

/** GET /agent/berth-agent.mjs.sha256 — `sha256sum -c` format, checked by install.sh before installing. */
export function registerGetAgentBundleChecksum(app: ApiApp, files: InstallFiles): void {
  app.get(
    '/agent/berth-agent.mjs.sha256',
    {
      config: { access: 'public' },
      schema: { summary: "The agent bundle's sha256", tags: ['install'] },
    },
    async (_request, reply) => {
      const bundle = await readAgentBundle(files.agentBundlePath);
      return reply
        .header('cache-control', 'no-cache')
        .type('text/plain; charset=utf-8')
        .send(`${bundle.sha256}  berth-agent.mjs\n`);
    },
  );
}
