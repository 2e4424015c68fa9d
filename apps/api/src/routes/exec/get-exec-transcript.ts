import { errorResponses, ZExecSessionParamsSchema, ZExecTranscriptSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { readExecTranscript } from '../../services/exec/read-exec-transcript.js';

/** GET /api/v1/exec-sessions/:sessionId/transcript — a recorded session's output, as a download. */
export function registerGetExecTranscript(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/exec-sessions/:sessionId/transcript',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Download an exec session transcript',
        tags: ['exec'],
        params: ZExecSessionParamsSchema,
        response: {
          200: {
            description: 'the output bytes',
            content: { 'application/octet-stream': { schema: ZExecTranscriptSchema } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { sessionId } = request.params;
      const transcript = await readExecTranscript(ctx, principalOf(request), sessionId);
      return (
        reply
          .header('content-type', 'application/octet-stream')
          .header('content-disposition', `attachment; filename="exec-${sessionId}.log"`)
          .header('x-berth-transcript-truncated', String(transcript.truncated))
          // A Buffer is sent as is (Fastify serialises only objects); the schema documents it as binary.
          .send(transcript.bytes as unknown as string)
      );
    },
  );
}
