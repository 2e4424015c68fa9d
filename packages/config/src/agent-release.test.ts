import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AGENT_RELEASE_VERSION } from './agent-release.js';
import { parseEnv } from './parse-env.js';
import { ZServerEnvSchema } from './schemas.js';

const valid = { DATABASE_URL: 'postgres://berth_app@127.0.0.1:5432/berth', AUTH_SECRET: 'x'.repeat(32) };

describe('agent release version', () => {
  it('is the version of the agent package this release builds', () => {
    const agentPackage = new URL('../../../apps/agent/package.json', import.meta.url);
    expect(AGENT_RELEASE_VERSION).toBe(JSON.parse(readFileSync(agentPackage, 'utf8')).version);
  });

  it('defaults BERTH_AGENT_VERSION to it, accepts another semantic version and refuses anything else', () => {
    expect(parseEnv(ZServerEnvSchema, valid).BERTH_AGENT_VERSION).toBe(AGENT_RELEASE_VERSION);
    expect(
      parseEnv(ZServerEnvSchema, { ...valid, BERTH_AGENT_VERSION: '1.4.0-rc.1' }).BERTH_AGENT_VERSION,
    ).toBe('1.4.0-rc.1');
    expect(() => parseEnv(ZServerEnvSchema, { ...valid, BERTH_AGENT_VERSION: 'latest' })).toThrow(
      /BERTH_AGENT_VERSION: expected a semantic version like 1\.2\.3/,
    );
  });
});
