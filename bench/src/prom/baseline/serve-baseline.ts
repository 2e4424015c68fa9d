import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { type Db, withOrg } from '@berth/db';
import {
  countPrometheusContainers,
  type PrometheusSelection,
  queryPrometheusContainers,
  queryPrometheusHosts,
} from '@berth/db/queries';
import { CONTENT_TYPES, negotiateFormat } from './exposition-format.js';
import { renderExposition } from './render-exposition.js';

/**
 * The pre-issue-18 export of one organisation over plain HTTP: the same three statements in one
 * tenant transaction as the API, then the old renderer. No auth, no Fastify (both cost the API
 * a little more, so the ratio against this baseline is if anything pessimistic).
 */
export async function serveBaseline(
  db: Db,
  orgId: string,
  selection: () => PrometheusSelection,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const format = negotiateFormat(request.headers.accept);
    withOrg(db, orgId, async (tx) => {
      const chosen = selection();
      const hosts = await queryPrometheusHosts(tx, orgId, chosen);
      const counts = await countPrometheusContainers(tx, orgId, chosen);
      const containers = await queryPrometheusContainers(tx, orgId, chosen);
      return { hosts, containers, alertsFiring: counts.alertsFiring };
    }).then(
      (input) => {
        const { chunks } = renderExposition(input, format);
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[format],
          'content-length': chunks.reduce((bytes, chunk) => bytes + chunk.length, 0),
        });
        Readable.from(chunks).pipe(response);
      },
      (error: unknown) => {
        response.writeHead(500).end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
