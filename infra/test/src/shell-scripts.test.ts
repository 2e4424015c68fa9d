import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { INSTALL_SCRIPT, repoPath } from './harness/repo-paths.js';

const run = promisify(execFile);

const SCRIPTS = [
  INSTALL_SCRIPT,
  repoPath('infra/docker/make-node-base.sh'),
  repoPath('infra/docker/fetch-node.sh'),
  repoPath('infra/docker/build-agent-image.sh'),
  repoPath('infra/docker/build-service-image.sh'),
];

describe('shell scripts', () => {
  it.each(SCRIPTS)('%s is shellcheck-clean as POSIX sh', async (script) => {
    const result = await run('shellcheck', ['-s', 'sh', '-f', 'gcc', script]).catch(
      (error: { code?: unknown; stdout?: string; stderr?: string }) => {
        if (error.code === 'ENOENT')
          throw new Error('shellcheck is not installed (apt-get install shellcheck)');
        return { stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
      },
    );
    expect(`${result.stdout}${result.stderr}`).toBe('');
  });

  const shells = ['/bin/dash', '/bin/busybox', '/bin/bash'].filter((shell) => existsSync(shell));
  it.each(shells)('install.sh parses and prints its help under %s', async (shell) => {
    const args = shell.endsWith('busybox') ? ['sh', INSTALL_SCRIPT, '--help'] : [INSTALL_SCRIPT, '--help'];
    const { stdout } = await run(shell, args);
    expect(stdout).toContain('Usage: install.sh --token TOKEN [options]');
  });

  it('install.sh begins with set -eu and keeps its three template lines', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(INSTALL_SCRIPT, 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).toMatch(/^set -eu$/m);
    expect(text.match(/^[A-Z_]+='[^']*' +# berth:template [a-z-]+$/gm)).toHaveLength(3);
  });
});
