import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, parseInput, registerErrorHandler } from './index.js';

function app() {
  const instance = Fastify({ logger: false });
  registerErrorHandler(instance);
  instance.post('/things', async (request) =>
    parseInput(z.object({ name: z.string().min(1), size: z.int() }), request.body),
  );
  instance.get('/gone', async () => {
    throw new AppError('gone', 'that token expired', { expiredAt: '2026-01-01T00:00:00Z' });
  });
  instance.get('/boom', async () => {
    throw new Error('database password is hunter2');
  });
  return instance;
}

describe('error handler', () => {
  it('answers bad input with 400 naming each field', async () => {
    const res = await app().inject({ method: 'POST', url: '/things', payload: { name: '', size: 1.5 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['name', 'size']);
    expect(body.error.message).toMatch(/^invalid body: name: .*; size: /);
  });

  it('maps AppError codes to their status with details', async () => {
    const res = await app().inject({ method: 'GET', url: '/gone' });
    expect(res.statusCode).toBe(410);
    expect(res.json()).toEqual({
      error: { code: 'gone', message: 'that token expired', details: { expiredAt: '2026-01-01T00:00:00Z' } },
    });
  });

  it('hides the internals of server errors', async () => {
    const res = await app().inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(res.json().error.code).toBe('internal');
  });

  it('answers unknown routes and malformed JSON in the same shape', async () => {
    expect((await app().inject({ method: 'GET', url: '/nope' })).json().error.code).toBe('not_found');
    const res = await app().inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'bad_request', details: { issues: [{ field: 'body' }] } });
  });
});
