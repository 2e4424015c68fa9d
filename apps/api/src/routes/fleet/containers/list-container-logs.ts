import {
  ZContainerParamsSchema,
  ZListLogsQuerySchema,
  ZLiveLogStreamSchema,
  ZLogLinePageSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listContainerLogs } from '../../../services/fleet/list-container-logs.js';
import { followContainerLogs } from '../../live/follow-container-logs.js';

/**
 * GET /api/v1/hosts/:hostId/containers/:containerId/logs — stored lines (searchable, paginated),
 * or with `follow=1` live lines from the agent as Server-Sent Events.
 */
export function registerListContainerLogs(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/hosts/:hostId/containers/:containerId/logs',
    {
      config: { access: 'viewer' },
      schema: {
        summary: "A container's log lines: stored (time range, stream, text search) or live with follow=1",
        description:
          'Without follow: a page of stored lines, newest first by default. With follow=1 (plus ' +
          'optional tail and stream): a text/event-stream of live lines until the caller leaves.',
        tags: ['containers'],
        params: ZContainerParamsSchema,
        querystring: ZListLogsQuerySchema,
        response: {
          200: {
            description: 'Stored lines (application/json) or, with follow=1, live lines (text/event-stream)',
            content: {
              'application/json': { schema: ZLogLinePageSchema },
              'text/event-stream': { schema: ZLiveLogStreamSchema },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { follow, tail, ...query } = request.query;
      if (follow) {
        const input = { ...request.params, tail: tail ?? 100, stream: query.stream };
        return followContainerLogs(ctx, request, reply, input);
      }
      return listContainerLogs(ctx, principalOf(request), { ...request.params, ...query });
    },
  );
}
