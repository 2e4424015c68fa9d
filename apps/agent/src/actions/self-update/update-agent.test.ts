import { createServer } from 'node:net';
import type { ActionFrame } from '@berth/protocol';
import { describe, expect, it } from 'vitest';
import { createDockerClient } from '../../collectors/index.js';
import { type SelfUpdateDeps, updateAgent } from './update-agent.js';

/** A port nothing listens on: one the system gave out and took back. */
const closedPort = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const address = server.address();
    server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
  });
});

const frame: ActionFrame = {
  type: 'action',
  id: '00000000-0000-4000-8000-000000000001',
  verb: 'update',
  target: {},
  params: {},
  deadline: new Date(Date.now() + 60_000).toISOString(),
};

function attempt(overrides: Partial<SelfUpdateDeps>) {
  const selfUpdate: SelfUpdateDeps = {
    installMode: 'native',
    currentVersion: '1.2.0',
    targetVersion: () => '1.3.0',
    bundlePath: '/$bunfs/root/berth-agent',
    executable: { path: '/opt/berth-agent/berth-agent', target: 'linux-arm64-musl' },
    // Nothing listens here: a refusal must come before any download.
    downloadUrl: `http://127.0.0.1:${closedPort}`,
    restart: async () => {
      throw new Error('must not restart');
    },
    ...overrides,
  };
  return updateAgent(frame, { docker: createDockerClient({}), selfUpdate });
}

describe('updateAgent refusals (before anything is touched)', () => {
  it('refuses when the agent is already on the announced version or newer', async () => {
    await expect(attempt({ targetVersion: () => '1.2.0' })).rejects.toThrow(
      'already on berth-agent 1.2.0 (the current release is 1.2.0): nothing to update',
    );
    await expect(attempt({ targetVersion: () => '1.1.9' })).rejects.toThrow(
      /^already on berth-agent 1\.2\.0/,
    );
  });

  it('refuses without an announced version, an install mode, or an executable to replace', async () => {
    await expect(attempt({ targetVersion: () => null })).rejects.toThrow(
      'the gateway has not announced the current agent version',
    );
    await expect(attempt({ installMode: undefined })).rejects.toThrow(/^this agent cannot update itself/);
    await expect(
      attempt({ bundlePath: '/work/apps/agent/dist/main.js', executable: undefined }),
    ).rejects.toThrow(
      'this agent runs on Node.js (/work/apps/agent/dist/main.js), not as the berth-agent executable: nothing to replace',
    );
  });

  it('says why a native download fails', async () => {
    await expect(attempt({})).rejects.toThrow(
      new RegExp(
        `^cannot download http://127\\.0\\.0\\.1:${closedPort}/agent/berth-agent-linux-arm64-musl\\.sha256: .*ECONNREFUSED`,
      ),
    );
  });
});
