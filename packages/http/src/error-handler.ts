import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from './app-error.js';

/**
 * The one place errors become responses: `{ error: { code, message, details } }`.
 * Server errors are logged with their stack and answered without internals.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .status(error.status)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if ('validation' in error && Array.isArray(error.validation)) {
      const where =
        'validationContext' in error && typeof error.validationContext === 'string'
          ? error.validationContext
          : 'input';
      const issues = error.validation.map((issue: { instancePath?: string; message?: string }) => ({
        field: issue.instancePath ? issue.instancePath.slice(1).replace(/\//g, '.') : where,
        message: issue.message ?? 'invalid',
      }));
      const summary = issues
        .slice(0, 3)
        .map((issue) => `${issue.field}: ${issue.message}`)
        .join('; ');
      return reply.status(400).send({
        error: { code: 'bad_request', message: `invalid ${where}: ${summary}`, details: { issues } },
      });
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status < 500) {
      const code = status === 413 ? 'payload_too_large' : status === 429 ? 'rate_limited' : 'bad_request';
      return reply.status(status).send({ error: { code, message: error.message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal server error' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` },
    }),
  );
}
