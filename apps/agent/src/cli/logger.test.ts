import { describe, expect, it } from 'vitest';
import { AGENT_VERSION } from './agent-version.js';
import { createLogger } from './logger.js';

function capture(level: Parameters<typeof createLogger>[0] = 'info') {
  const lines: string[] = [];
  const log = createLogger(level, (line) => void lines.push(line));
  return { log, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>), lines };
}

describe('createLogger', () => {
  it('writes one JSON line with level number, ISO time, the agent bindings, fields and msg', () => {
    const { log, entries, lines } = capture();
    log.info({ hostId: 'h1', intervalMs: 10_000 }, 'agent started');
    log.warn('plain message');
    expect(lines.every((line) => line.endsWith('}\n'))).toBe(true);
    const [first, second] = entries();
    expect(first).toEqual({
      level: 30,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      agent: 'berth-agent',
      version: AGENT_VERSION,
      hostId: 'h1',
      intervalMs: 10_000,
      msg: 'agent started',
    });
    expect(second).toMatchObject({ level: 40, msg: 'plain message' });
    expect(Object.keys(first ?? {})).toEqual([
      'level',
      'time',
      'agent',
      'version',
      'hostId',
      'intervalMs',
      'msg',
    ]);
  });

  it('drops lines below the level, and everything when silent', () => {
    const info = capture('info');
    info.log.debug('hidden');
    info.log.trace('hidden');
    info.log.error('shown');
    info.log.fatal('shown');
    expect(info.entries().map((entry) => entry.level)).toEqual([50, 60]);
    const silent = capture('silent');
    silent.log.fatal('hidden');
    expect(silent.lines).toEqual([]);
    const trace = capture('trace');
    trace.log.trace('shown');
    expect(trace.entries()[0]?.level).toBe(10);
  });

  it('child loggers carry their bindings on every line, after the parent’s', () => {
    const { log, entries } = capture();
    log.child({ component: 'spool' }).child({ seq: 4 }).info({ bytes: 12 }, 'written');
    expect(entries()[0]).toMatchObject({ component: 'spool', seq: 4, bytes: 12, msg: 'written' });
    expect(log.child({ a: 1 }).level).toBe('info');
  });

  it('redacts credentials and tokens at the top level and one level down', () => {
    const { log, lines } = capture();
    log.info(
      {
        credential: 'bac_secret',
        token: 'bet_secret',
        hello: { token: 'bet_x', ok: 1 },
        headers: { authorization: 'Bearer y' },
      },
      'redacted',
    );
    const [line] = lines;
    expect(line).not.toMatch(/secret|bet_x|Bearer/);
    expect(JSON.parse(line ?? '')).toMatchObject({
      credential: '<redacted>',
      token: '<redacted>',
      hello: { token: '<redacted>', ok: 1 },
      headers: { authorization: '<redacted>' },
    });
  });

  it('serialises errors with type, message, stack and code; never throws on a cycle', () => {
    const { log, entries } = capture();
    const error = Object.assign(new TypeError('boom'), { code: 'EBOOM' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    log.error({ err: error }, 'failed');
    log.error({ cyclic, big: 1n }, 'odd values');
    const [failed, odd] = entries();
    expect(failed?.err).toMatchObject({ type: 'TypeError', message: 'boom', code: 'EBOOM' });
    expect((failed?.err as { stack?: string } | undefined)?.stack).toContain('TypeError: boom');
    expect(odd).toMatchObject({ cyclic: '[unserializable]', big: '1', msg: 'odd values' });
  });
});
