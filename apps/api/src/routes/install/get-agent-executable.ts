import { createReadStream } from 'node:fs';
import { AppError } from '@berth/http';
import { z } from 'zod';
import type { ApiApp } from '../../context.js';
import { AGENT_EXECUTABLE_NAMES, isAgentExecutableName, readAgentExecutable } from './agent-executables.js';
import type { InstallFiles } from './install-files.js';

const params = z.object({ file: z.string().max(100) });

/**
 * GET /agent/berth-agent-linux-<arch>-<libc> — the agent as one executable (install.sh --mode
 * native, and the agent's own `update`) — and GET /agent/<that>.sha256 in `sha256sum -c` format,
 * checked before anything is installed.
 */
export function registerGetAgentExecutable(app: ApiApp, files: InstallFiles): void {
  app.get(
    '/agent/:file',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The agent executable for one architecture and C library, or its .sha256',
        tags: ['install'],
        params,
      },
    },
    async (request, reply) => {
      const file = request.params.file;
      const name = file.endsWith('.sha256') ? file.slice(0, -'.sha256'.length) : file;
      if (!isAgentExecutableName(name)) {
        throw new AppError(
          'not_found',
          `no agent download named ${file}: the agent is ${AGENT_EXECUTABLE_NAMES.join(', ')} (each also as .sha256)`,
        );
      }
      const executable = await readAgentExecutable(files.agentExecutablesDir, name);
      reply.header('cache-control', 'no-cache');
      if (file !== name) {
        return reply.type('text/plain; charset=utf-8').send(`${executable.sha256}  ${name}\n`);
      }
      const etag = `"${executable.sha256}"`;
      reply.header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply
        .type('application/octet-stream')
        .header('content-length', executable.size)
        .send(createReadStream(executable.path));
    },
  );
}
