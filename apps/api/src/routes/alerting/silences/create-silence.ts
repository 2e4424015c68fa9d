import { errorResponses, ZNewSilenceSchema, ZSilenceSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createSilence } from '../../../services/alerting/silences/create-silence.js';

/** POST /api/v1/alert-silences — from matchers, or from an alert in one click (operators and up). */
export function registerCreateSilence(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/alert-silences',
    {
      config: { access: 'operator' },
      schema: {
        summary: "Silence alerts matching label matchers (or an alert's rule and object) for a while",
        tags: ['alert-silences'],
        body: ZNewSilenceSchema,
        response: { 201: ZSilenceSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createSilence(ctx, request, principalOf(request), request.body)),
  );
}
