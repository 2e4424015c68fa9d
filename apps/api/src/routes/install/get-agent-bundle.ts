import { createReadStream } from 'node:fs';
import type { ApiApp } from '../../context.js';
import type { InstallFiles } from './install-files.js';
import { readAgentBundle } from './read-agent-bundle.js';

/** GET /agent/berth-agent.mjs — the agent as one file for `node` (install.sh --mode native). */
export function registerGetAgentBundle(app: ApiApp, files: InstallFiles): void {
  app.get(
    '/agent/berth-agent.mjs',
    {
      config: { access: 'public' },
      schema: { summary: 'The agent single-file bundle (native installs)', tags: ['install'] },
    },
    async (request, reply) => {
      const bundle = await readAgentBundle(files.agentBundlePath);
      const etag = `"${bundle.sha256}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply
        .type('text/javascript; charset=utf-8')
        .header('content-length', bundle.size)
        .send(createReadStream(bundle.path));
    },
  );
}
