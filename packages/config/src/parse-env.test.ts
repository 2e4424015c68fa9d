import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './parse-env.js';
import { ZAlerterEnvSchema, ZMigrateEnvSchema, ZServerEnvSchema } from './schemas.js';

const valid = {
  DATABASE_URL: 'postgres://berth_app@127.0.0.1:5432/berth',
  AUTH_SECRET: 'x'.repeat(32),
};

function issuesOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv', () => {
  it('applies the documented port defaults', () => {
    const env = parseEnv(ZServerEnvSchema, valid);
    expect([env.WEB_PORT, env.API_PORT, env.GATEWAY_PORT]).toEqual([3000, 3001, 3002]);
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('names a missing required variable', () => {
    const issues = issuesOf(() => parseEnv(ZServerEnvSchema, { AUTH_SECRET: valid.AUTH_SECRET }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^DATABASE_URL: .*\(not set\)$/);
  });

  it('names each wrong variable and shows the value it got', () => {
    const issues = issuesOf(() =>
      parseEnv(ZServerEnvSchema, { ...valid, API_PORT: '70000', REDIS_URL: 'http://localhost' }),
    );
    expect(issues.some((issue) => issue.startsWith('API_PORT:') && issue.includes('"70000"'))).toBe(true);
    expect(issues.some((issue) => issue.startsWith('REDIS_URL:') && issue.includes('redis://'))).toBe(true);
  });

  it('never echoes a secret', () => {
    const issues = issuesOf(() => parseEnv(ZServerEnvSchema, { ...valid, AUTH_SECRET: 'short-secret' }));
    expect(issues[0]).toMatch(/^AUTH_SECRET: .*<redacted>/);
    expect(issues.join()).not.toContain('short-secret');
  });

  it('reads SECRETS_KEYS as a key ring, newest first, and names a bad entry without echoing it', () => {
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64');
    const env = parseEnv(ZServerEnvSchema, { ...valid, SECRETS_KEYS: `k2:${k2}, k1:${k1}` });
    expect(env.SECRETS_KEYS?.map((k) => [k.id, k.key[0], k.key.length])).toEqual([
      ['k2', 2, 32],
      ['k1', 1, 32],
    ]);
    const short = Buffer.alloc(16, 3).toString('base64');
    const issues = issuesOf(() =>
      parseEnv(ZServerEnvSchema, { ...valid, SECRETS_KEYS: `k1:${k1},k0:${short}` }),
    );
    expect(issues[0]).toMatch(/^SECRETS_KEYS: entry 2 must be id:<base64 of 32 bytes>.*<redacted>/);
    expect(issues.join()).not.toContain(short);
    expect(
      issuesOf(() => parseEnv(ZServerEnvSchema, { ...valid, SECRETS_KEYS: `k1:${k1},k1:${k2}` }))[0],
    ).toMatch(/key id k1 is listed twice/);
  });

  it('treats empty strings as unset', () => {
    const env = parseEnv(ZServerEnvSchema, { ...valid, REDIS_URL: '', API_PORT: '' });
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.API_PORT).toBe(3001);
  });

  it("reads the alerter's lease in seconds (60 unless set) and names ALERTER_LEASE_S when it is out of range", () => {
    expect(parseEnv(ZAlerterEnvSchema, valid).ALERTER_LEASE_S).toBe(60);
    expect(parseEnv(ZAlerterEnvSchema, { ...valid, ALERTER_LEASE_S: '20' }).ALERTER_LEASE_S).toBe(20);
    for (const bad of ['5', '3601', 'soon']) {
      const issues = issuesOf(() => parseEnv(ZAlerterEnvSchema, { ...valid, ALERTER_LEASE_S: bad }));
      expect(issues, bad).toHaveLength(1);
      expect(issues[0]).toMatch(new RegExp(`^ALERTER_LEASE_S: .*"${bad}"`));
    }
  });

  it("reads the alerter's event window in ms (500 unless set, 0 allowed) and names ALERTER_EVENT_WINDOW_MS when it is out of range", () => {
    expect(parseEnv(ZAlerterEnvSchema, valid).ALERTER_EVENT_WINDOW_MS).toBe(500);
    expect(
      parseEnv(ZAlerterEnvSchema, { ...valid, ALERTER_EVENT_WINDOW_MS: '0' }).ALERTER_EVENT_WINDOW_MS,
    ).toBe(0);
    for (const bad of ['-1', '10001', 'soon']) {
      const issues = issuesOf(() => parseEnv(ZAlerterEnvSchema, { ...valid, ALERTER_EVENT_WINDOW_MS: bad }));
      expect(issues, bad).toHaveLength(1);
      expect(issues[0]).toMatch(new RegExp(`^ALERTER_EVENT_WINDOW_MS: .*"${bad}"`));
    }
  });

  it('requires an owner connection for migrations', () => {
    const issues = issuesOf(() => parseEnv(ZMigrateEnvSchema, {}));
    expect(issues[0]).toMatch(/^DATABASE_ADMIN_URL: /);
  });
});

describe('loadOrExit', () => {
  it('exits with code 2 and the variable name on a bad environment', () => {
    const entry = fileURLToPath(new URL('./test/load-server-env.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', entry], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'mysql://nope', AUTH_SECRET: valid.AUTH_SECRET },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL: must be a postgres://');
  });
});
