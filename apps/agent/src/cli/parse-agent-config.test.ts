import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AGENT_VERSION } from './agent-version.js';
import { ConfigError } from './config-error.js';
import { parseAgentConfig } from './parse-agent-config.js';

function run(argv: string[], env: Record<string, string> = {}) {
  const command = parseAgentConfig(argv, env);
  if (command.kind !== 'run') throw new Error(`expected run, got ${command.kind}`);
  return command.config;
}

function problems(argv: string[], env: Record<string, string> = {}): readonly string[] {
  try {
    parseAgentConfig(argv, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseAgentConfig', () => {
  it('applies the documented defaults', () => {
    expect(run([])).toEqual({
      stateDir: '/var/lib/berth-agent',
      intervalMs: 10_000,
      readOnly: false,
      allowExec: false,
      logLevel: 'info',
      procRoot: '/proc',
      hostRoot: '/',
      spoolMaxBytes: 64 * 1024 * 1024,
    });
  });

  it('reads every setting from the environment', () => {
    const config = run([], {
      BERTH_SERVER: 'https://berth.example.com/',
      BERTH_TOKEN: 'bet_abc',
      BERTH_STATE_DIR: '/tmp/state',
      BERTH_INTERVAL: '2.5',
      BERTH_READ_ONLY: 'yes',
      BERTH_ALLOW_EXEC: '1',
      BERTH_LOG_LEVEL: 'debug',
      DOCKER_HOST: 'tcp://127.0.0.1:2375',
      BERTH_PROC_ROOT: '/host/proc',
      BERTH_HOST_ROOT: '/host',
      BERTH_SPOOL_MAX_BYTES: '128MiB',
    });
    expect(config).toEqual({
      server: 'https://berth.example.com',
      token: 'bet_abc',
      stateDir: '/tmp/state',
      intervalMs: 2_500,
      readOnly: true,
      allowExec: true,
      logLevel: 'debug',
      dockerHost: 'tcp://127.0.0.1:2375',
      procRoot: '/host/proc',
      hostRoot: '/host',
      spoolMaxBytes: 128 * 1024 * 1024,
    });
  });

  it('lets a flag win over its environment variable', () => {
    const env = {
      BERTH_SERVER: 'https://env.example.com',
      BERTH_INTERVAL: '30',
      BERTH_READ_ONLY: '0',
      BERTH_TOKEN: 'env',
    };
    const config = run(
      ['--server', 'https://flag.example.com', '--interval=5', '--read-only', '--token', 'flag'],
      env,
    );
    expect(config).toMatchObject({
      server: 'https://flag.example.com',
      intervalMs: 5_000,
      readOnly: true,
      token: 'flag',
    });
  });

  it('serves exec only when started with --allow-exec or BERTH_ALLOW_EXEC', () => {
    expect(run([], {})).toMatchObject({ allowExec: false });
    expect(run(['--allow-exec'], {})).toMatchObject({ allowExec: true });
    expect(run([], { BERTH_ALLOW_EXEC: '1' })).toMatchObject({ allowExec: true });
    expect(problems([], { BERTH_ALLOW_EXEC: 'sure' })).toEqual([
      'BERTH_ALLOW_EXEC: expected 1/0, true/false or yes/no (got "sure")',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(run([], { BERTH_INTERVAL: '', BERTH_SERVER: '' })).toMatchObject({ intervalMs: 10_000 });
  });

  it('names the flag or the variable a bad value came from', () => {
    expect(problems(['--interval', '0.5'])).toEqual(['--interval: must be at least 1 second (got "0.5")']);
    expect(problems([], { BERTH_INTERVAL: 'ten' })).toEqual([
      'BERTH_INTERVAL: expected a number of seconds (got "ten")',
    ]);
    expect(problems([], { BERTH_SERVER: 'ftp://x' })).toEqual([
      'BERTH_SERVER: expected an http:// or https:// URL (got "ftp://x")',
    ]);
    expect(problems(['--log-level', 'loud'])[0]).toMatch(/^--log-level: /);
    expect(problems([], { BERTH_READ_ONLY: 'maybe' })).toEqual([
      'BERTH_READ_ONLY: expected 1/0, true/false or yes/no (got "maybe")',
    ]);
    expect(problems(['--spool-max-bytes', 'lots'])).toEqual([
      '--spool-max-bytes: expected a size like 67108864, 512MiB or 1GiB (got "lots")',
    ]);
    expect(problems([], { BERTH_SPOOL_MAX_BYTES: '1000' })).toEqual([
      'BERTH_SPOOL_MAX_BYTES: must be at least 1MiB (got "1000")',
    ]);
  });

  it('reports every problem at once and never echoes the token', () => {
    const found = problems(['--interval', '0', '--token', '   '], { BERTH_SERVER: 'nope' });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).not.toContain('   "');
    expect(found.find((line) => line.startsWith('--token'))).toBe(
      '--token: must not be empty (got <redacted>)',
    );
  });

  it('rejects unknown flags, missing values and stray arguments, naming them', () => {
    expect(problems(['--srever', 'x'])).toEqual(['--srever: unknown option (see --help)']);
    expect(problems(['--server'])).toEqual(['--server: needs a value']);
    expect(problems(['enrol'])).toEqual(['enrol: unexpected argument (see --help)']);
  });

  it('reads how install.sh installed the agent and where updates come from', () => {
    expect(run(['--install-mode', 'native', '--download-url', 'http://berth.test:3001/'])).toMatchObject({
      installMode: 'native',
      downloadUrl: 'http://berth.test:3001',
    });
    expect(run([], { BERTH_INSTALL_MODE: 'docker' })).toMatchObject({ installMode: 'docker' });
    expect(problems([], { BERTH_INSTALL_MODE: 'snap' })).toEqual([
      'BERTH_INSTALL_MODE: expected native or docker (got "snap")',
    ]);
  });

  it('recognises the docker-mode update helper, and checks its arguments', () => {
    const id = 'a'.repeat(64);
    expect(parseAgentConfig(['--recreate-container', id, '--image', 'berth/agent:0.2.0'], {})).toEqual({
      kind: 'recreate',
      request: { containerId: id, image: 'berth/agent:0.2.0' },
      dockerHost: undefined,
    });
    expect(problems(['--recreate-container', 'x;rm', '--image', 'a b'])).toEqual([
      '--recreate-container: expected a container id',
      '--image: expected an image reference',
    ]);
  });

  it('recognises --help and --version', () => {
    expect(parseAgentConfig(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseAgentConfig(['-v'], {})).toEqual({ kind: 'version' });
  });

  it('keeps AGENT_VERSION equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(AGENT_VERSION).toBe(pkg.version);
  });
});

describe('loadAgentCommand in a real process', () => {
  const module = fileURLToPath(new URL('./load-agent-command.ts', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'berth-cli-'));
  const script = join(dir, 'entry.mts');
  writeFileSync(
    script,
    `import { loadAgentCommand } from ${JSON.stringify(module)};\nconsole.log(JSON.stringify(loadAgentCommand()));\n`,
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const exec = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    });

  it('exits 2 with the problem named when the input is bad', () => {
    const result = exec(['--interval', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--interval: must be at least 1 second');
    expect(result.stderr).toContain('--help');
    expect(result.stdout).toBe('');
  });

  it('prints help and the version and exits 0', () => {
    const help = exec(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--server URL');
    expect(help.stdout).toContain('BERTH_SPOOL_MAX_BYTES');
    const version = exec(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(`berth-agent ${AGENT_VERSION}`);
  });

  it('runs with the environment when the input is fine', () => {
    const result = exec(['--interval', '3'], { BERTH_STATE_DIR: '/tmp/x' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      kind: 'run',
      config: { intervalMs: 3_000, stateDir: '/tmp/x' },
    });
  });
});
