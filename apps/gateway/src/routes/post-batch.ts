import { AppError } from '@berth/http';
import { type AckFrame, decodeAgentFrame } from '@berth/protocol';
import type { FastifyInstance } from 'fastify';
import { authenticateAgent } from '../agents/authenticate-agent.js';
import type { GatewayContext } from '../context.js';
import { ingestBatch } from '../ingest/ingest-batch.js';

/**
 * `POST /agent/v1/batches`: the same batch frames over plain HTTPS for networks that
 * block WebSockets. The response is the ack, sent only after commit; committed batches reach
 * live views exactly as over the socket (ingestBatch).
 */
export function registerPostBatch(app: FastifyInstance, ctx: GatewayContext): void {
  app.register(async (scope) => {
    // Raw bytes: the protocol decoder checks size before parsing, like on the socket.
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: ctx.settings.limits.maxFrameBytes * 2 },
      (_req, body, done) => done(null, body),
    );
    scope.post('/agent/v1/batches', async (request) => {
      const auth = await authenticateAgent(ctx.db, request.headers.authorization);
      if (!auth.ok)
        throw new AppError(auth.reason === 'revoked' ? 'forbidden' : 'unauthorised', `host ${auth.reason}`);
      const decoded = decodeAgentFrame(request.body as Buffer, ctx.settings.limits);
      if (!decoded.ok) throw new AppError('bad_request', decoded.reason, { closeCode: decoded.closeCode });
      if (decoded.frame.type !== 'batch')
        throw new AppError('bad_request', `expected a batch frame, got ${decoded.frame.type}`);
      const outcome = await ingestBatch(ctx, auth.identity, decoded.frame);
      if (outcome === 'revoked') throw new AppError('forbidden', 'host revoked');
      const ack: AckFrame = { type: 'ack', seq: decoded.frame.seq, status: outcome };
      return ack;
    });
  });
}
