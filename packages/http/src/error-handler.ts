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
      const issues = error.validation.map((issue: ValidationIssue) => ({
        field: fieldOf(issue, where),
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
      // The body parser's refusals (malformed JSON, empty body) concern the body as a whole.
      const details = isBodyParserError(error)
        ? { issues: [{ field: 'body', message: error.message }] }
        : undefined;
      return reply.status(status).send({ error: { code, message: error.message, details } });
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

type ValidationIssue = { instancePath?: string; message?: string; params?: { keys?: unknown } };

/**
 * `a.b` from `/a/b`; the input's own name (`body`, `querystring`) for the root. Unknown keys are
 * reported at their parent, so they are named instead: `extra`, `host.extra`.
 */
function fieldOf(issue: ValidationIssue, where: string): string {
  const path = (issue.instancePath ?? '').slice(1).replace(/\//g, '.');
  const keys = issue.params?.keys;
  if (Array.isArray(keys) && keys.length > 0)
    return [path, keys.map(String).join(',')].filter(Boolean).join('.');
  return path || where;
}

function isBodyParserError(error: Error): boolean {
  return 'code' in error && typeof error.code === 'string' && error.code.startsWith('FST_ERR_CTP_');
}
