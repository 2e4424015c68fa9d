import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
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
      // The same bytes in two encodings: caches must key on what the client accepted.
      reply.header('vary', 'accept-encoding');
      const gzipped = executable.gzPath !== null && acceptsGzip(request.headers['accept-encoding']);
      const etag = `"${executable.sha256}${gzipped ? '-gz' : ''}"`;
      reply.header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      reply.type('application/octet-stream');
      if (gzipped && executable.gzPath && executable.gzSize !== null) {
        // curl --compressed (install.sh) and fetch (self-update) undo it; both check the sha256 after.
        return reply
          .header('content-encoding', 'gzip')
          .header('content-length', executable.gzSize)
          .send(createReadStream(executable.gzPath));
      }
      reply.header('content-length', executable.size);
      if (executable.path) return reply.send(createReadStream(executable.path));
      // Only the gzip is here (the API image) and the client takes no gzip: undo it on the way.
      // pipeline: a read error destroys the gunzip stream, which ends the response.
      return reply.send(pipeline(createReadStream(executable.gzPath as string), createGunzip(), () => {}));
    },
  );
}

/** Whether an Accept-Encoding value admits gzip (`gzip`, `x-gzip` or `*`, without `q=0`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') return false;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
