import { ZCheckSpecSchema } from '@berth/protocol';
import { describe, expect, it } from 'vitest';
import {
  ZCheckDefinitionChangeSchema,
  ZCheckDefinitionSpecSchema,
  ZNewCheckDefinitionSchema,
} from './check-definitions.js';

const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

const HOST = '6f1c2c8e-4d0b-4c1e-9a7e-0c1d2e3f4a5b';
const GROUP = '0b7e8c2a-1f3d-4e5a-8b9c-7d6e5f4a3b2c';

describe('check definition spec', () => {
  it('fills the defaults of a templated http check, and the result is a protocol check spec', () => {
    const spec = ZCheckDefinitionSpecSchema.parse({
      kind: 'http',
      target: 'http://{{ip}}:{{port:8080}}/health',
    });
    expect(spec).toEqual({
      kind: 'http',
      target: 'http://{{ip}}:{{port:8080}}/health',
      intervalS: 30,
      timeoutMs: 10_000,
      retries: 1,
      http: {
        method: 'GET',
        headers: {},
        expectStatus: { min: 200, max: 299 },
        followRedirects: true,
        skipTlsVerify: false,
        certExpiryWarnDays: 14,
      },
    });
    // What the API stores is what the gateway pushes: the protocol must accept it as is.
    const pushed = ZCheckSpecSchema.safeParse({ ...spec, id: HOST, version: 1, containerName: 'web' });
    expect(pushed.success).toBe(true);
  });

  it('keeps every http option and a tcp check has none', () => {
    const spec = ZCheckDefinitionSpecSchema.parse({
      kind: 'http',
      target: 'https://{{ip}}:8443/ready',
      intervalS: 10,
      timeoutMs: 2000,
      retries: 0,
      http: {
        method: 'HEAD',
        headers: { Authorization: 'Bearer x' },
        expectStatus: { min: 200, max: 399 },
        keyword: { mode: 'regex', value: '^ok' },
        maxLatencyMs: 500,
        followRedirects: false,
        skipTlsVerify: true,
        certExpiryWarnDays: 30,
      },
    });
    expect(spec.http?.keyword).toEqual({ mode: 'regex', value: '^ok', caseSensitive: true });
    expect(ZCheckSpecSchema.safeParse({ ...spec, id: HOST, version: 3 }).success).toBe(true);
    expect(ZCheckDefinitionSpecSchema.parse({ kind: 'tcp', target: '{{ip}}:5432' })).toEqual({
      kind: 'tcp',
      target: '{{ip}}:5432',
      intervalS: 30,
      timeoutMs: 10_000,
      retries: 1,
    });
  });

  it('names the field that is wrong', () => {
    expect(
      issuePaths(ZCheckDefinitionSpecSchema.safeParse({ kind: 'http', target: 'x', intervalS: 5 })),
    ).toEqual(['intervalS', 'target']);
    expect(issuePaths(ZCheckDefinitionSpecSchema.safeParse({ kind: 'tcp', target: 'nohostport' }))).toEqual([
      'target',
    ]);
    expect(
      issuePaths(ZCheckDefinitionSpecSchema.safeParse({ kind: 'tcp', target: 'db:5432', http: {} })),
    ).toEqual(['http']);
    expect(
      issuePaths(
        ZCheckDefinitionSpecSchema.safeParse({
          kind: 'http',
          target: 'http://x',
          http: { expectStatus: { min: 500, max: 200 }, keyword: { mode: 'regex', value: '(' } },
        }),
      ),
    ).toEqual(['http.expectStatus.max', 'http.keyword.value']);
    expect(
      issuePaths(
        ZCheckDefinitionSpecSchema.safeParse({
          kind: 'http',
          target: 'http://x',
          http: { timeout: 1 },
          timeoutMs: 50,
        }),
      ),
    ).toEqual(['timeoutMs']);
  });
});

describe('new check definition', () => {
  const spec = { kind: 'tcp', target: '{{ip}}:80' };

  it('targets a container (host + name) or a group, never both or neither', () => {
    expect(
      ZNewCheckDefinitionSchema.parse({ hostId: HOST, containerName: 'web', name: 'api', spec }).enabled,
    ).toBe(true);
    expect(ZNewCheckDefinitionSchema.safeParse({ groupId: GROUP, name: 'api', spec }).success).toBe(true);
    expect(
      issuePaths(
        ZNewCheckDefinitionSchema.safeParse({
          hostId: HOST,
          containerName: 'web',
          groupId: GROUP,
          name: 'a',
          spec,
        }),
      ),
    ).toEqual(['groupId']);
    expect(issuePaths(ZNewCheckDefinitionSchema.safeParse({ name: 'a', spec }))).toEqual(['groupId']);
    expect(issuePaths(ZNewCheckDefinitionSchema.safeParse({ hostId: HOST, name: 'a', spec }))).toEqual([
      'containerName',
    ]);
    expect(
      issuePaths(ZNewCheckDefinitionSchema.safeParse({ containerName: 'web', name: 'a', spec })),
    ).toEqual(['hostId']);
  });

  it('names a bad check name', () => {
    const bad = ZNewCheckDefinitionSchema.safeParse({ groupId: GROUP, name: 'Bad Name', spec });
    expect(issuePaths(bad)).toEqual(['name']);
  });

  it('a change says what changes', () => {
    expect(ZCheckDefinitionChangeSchema.safeParse({}).success).toBe(false);
    expect(ZCheckDefinitionChangeSchema.safeParse({ enabled: false }).success).toBe(true);
    expect(issuePaths(ZCheckDefinitionChangeSchema.safeParse({ name: 'x', enabled: true }))).toEqual(['']);
  });
});
