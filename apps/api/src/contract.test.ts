import * as contract from '@berth/api-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouteInfo } from './context.js';
import { startTestApi, type TestApi } from './test/api-harness.js';

/**
 * The API's shapes live in @berth/api-contract only: every route registered in the API takes
 * each of its request and response schemas from there (the very objects, so the console, which
 * parses with the same exports, cannot drift), and the OpenAPI document is generated from them.
 */
const CONTRACT = new Set<unknown>(Object.values(contract).filter((value) => value instanceof z.ZodType));

/** /api/v1 routes that answer without a JSON schema of their own (a stream, the document itself). */
const NO_RESPONSE_SCHEMA = new Set(['GET /api/v1/stream', 'GET /api/v1/openapi.json']);

/** Every schema object a route declares, by where it sits (`body`, `response.200`, …). */
function schemasOf(route: RouteInfo): [string, unknown][] {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const found: [string, unknown][] = [];
  for (const part of ['params', 'querystring', 'body', 'headers']) {
    if (schema[part] !== undefined) found.push([part, schema[part]]);
  }
  for (const [code, answer] of Object.entries((schema.response ?? {}) as Record<string, unknown>)) {
    const content = (answer as { content?: Record<string, { schema: unknown }> }).content;
    if (content) {
      for (const [type, entry] of Object.entries(content))
        found.push([`response.${code}.${type}`, entry.schema]);
    } else {
      found.push([`response.${code}`, answer]);
    }
  }
  return found;
}

/** `route part` for each schema that is not an export of the contract. */
function foreignSchemas(routes: RouteInfo[]): string[] {
  return routes.flatMap((route) =>
    schemasOf(route)
      .filter(([, schema]) => !CONTRACT.has(schema))
      .map(([part]) => `${route.method} ${route.url} ${part}`),
  );
}

let harness: TestApi;
beforeAll(async () => {
  harness = await startTestApi();
});
afterAll(() => harness?.stop());

describe('the API contract', () => {
  it('flags a schema declared outside the contract (the check below can fail)', () => {
    const route: RouteInfo = {
      method: 'GET',
      url: '/api/v1/example',
      access: 'viewer',
      schema: { params: contract.ZHostParamsSchema, response: { 200: z.object({ renamed: z.string() }) } },
    };
    expect(foreignSchemas([route])).toEqual(['GET /api/v1/example response.200']);
  });

  it('every route takes its request and response schemas from @berth/api-contract', () => {
    const routes = harness.api.ctx.routes;
    expect(routes.length).toBeGreaterThan(50);
    expect(foreignSchemas(routes)).toEqual([]);
  });

  it('every /api/v1 route declares a success response schema', () => {
    const missing = harness.api.ctx.routes
      .filter(
        (route) =>
          route.url.startsWith('/api/v1/') && !NO_RESPONSE_SCHEMA.has(`${route.method} ${route.url}`),
      )
      .filter((route) => !schemasOf(route).some(([part]) => /^response\.2\d\d/.test(part)))
      .map((route) => `${route.method} ${route.url}`);
    expect(missing).toEqual([]);
  });

  it('the OpenAPI document has every route, with the fields of its contract response', async () => {
    const response = await harness.api.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const document = response.json() as {
      paths: Record<string, Record<string, { responses: Record<string, JsonResponse> }>>;
    };
    type JsonResponse = { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> };
    let compared = 0;
    for (const route of harness.api.ctx.routes) {
      if ((route.schema as { hide?: boolean } | undefined)?.hide) continue;
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${path} in the document`).toBeDefined();
      for (const [part, schema] of schemasOf(route)) {
        const code = /^response\.(\d+)$/.exec(part)?.[1];
        if (!code || !(schema instanceof z.ZodObject)) continue;
        const documented = operation?.responses[code]?.content?.['application/json']?.schema.properties;
        expect(Object.keys(documented ?? {}), `${route.method} ${path} ${code}`).toEqual(
          Object.keys(schema.shape),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });
});
