import { describe, expect, it } from 'vitest';
import { AGENT_VERSION } from '../cli/agent-version.js';
import { createLogger, type LogLevel } from './create-logger.js';

function capture(level: LogLevel) {
  const lines: string[] = [];
  const log = createLogger(level, (line) => void lines.push(line));
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines, records };
}

describe('createLogger', () => {
  it('writes one JSON object a line in pino’s shape: level, ISO time, agent and version, fields, msg', () => {
    const { log, lines, records } = capture('info');
    log.info({ hostId: 'h1', attempt: 2 }, 'enrolled this host');
    log.warn('ignoring a second welcome');
    expect(lines.every((line) => line.endsWith('}\n') && line.split('\n').length === 2)).toBe(true);
    const [first, second] = records();
    expect(Object.keys(first ?? {})).toEqual([
      'level',
      'time',
      'agent',
      'version',
      'hostId',
      'attempt',
      'msg',
    ]);
    expect(first).toMatchObject({
      level: 30,
      agent: 'berth-agent',
      version: AGENT_VERSION,
      msg: 'enrolled this host',
    });
    expect(new Date(String(first?.time)).toISOString()).toBe(first?.time);
    expect(second).toMatchObject({ level: 40, msg: 'ignoring a second welcome' });
  });

  it('drops what is below its level, and writes nothing when silent', () => {
    const warn = capture('warn');
    warn.log.debug('a');
    warn.log.info('b');
    warn.log.warn('c');
    warn.log.error('d');
    warn.log.fatal('e');
    expect(warn.records().map((record) => [record.level, record.msg])).toEqual([
      [40, 'c'],
      [50, 'd'],
      [60, 'e'],
    ]);
    const silent = capture('silent');
    silent.log.fatal({ code: 4001 }, 'unauthorised');
    expect(silent.lines).toEqual([]);
    const trace = capture('trace');
    trace.log.trace('t');
    trace.log.debug('d');
    expect(trace.records().map((record) => record.level)).toEqual([10, 20]);
  });

  it('redacts credentials, tokens and authorization headers wherever they are', () => {
    const { log, lines, records } = capture('info');
    log.info(
      {
        credential: 'bhc_secret1',
        token: 'bet_secret2',
        enrolment: { token: 'bet_secret3', server: 'https://berth.example' },
        headers: { authorization: 'Bearer secret4', accept: 'application/json' },
      },
      'logged with secrets',
    );
    expect(lines.join('')).not.toMatch(/secret\d/);
    expect(records()[0]).toMatchObject({
      credential: '<redacted>',
      token: '<redacted>',
      enrolment: { token: '<redacted>', server: 'https://berth.example' },
      headers: { authorization: '<redacted>', accept: 'application/json' },
    });
  });

  it('logs errors as objects with type, message, stack, their own fields and cause', () => {
    const { log, records } = capture('info');
    const cause = new Error('connect ECONNREFUSED');
    const error = Object.assign(new TypeError('socket hang up', { cause }), { code: 'ECONNRESET' });
    log.error({ err: error, actionId: 'a1' }, 'action failed unexpectedly');
    const record = records()[0];
    expect(record).toMatchObject({
      err: {
        type: 'TypeError',
        message: 'socket hang up',
        code: 'ECONNRESET',
        cause: { message: 'connect ECONNREFUSED' },
      },
      actionId: 'a1',
    });
    expect(String((record?.err as { stack?: unknown }).stack)).toContain('socket hang up');
  });

  it('never throws on fields JSON cannot encode: bigints as strings, a cycle named in the line', () => {
    const { log, records } = capture('info');
    log.info({ seq: 12n }, 'bigint');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => log.info({ cyclic }, 'cycle')).not.toThrow();
    const [bigint, cycle] = records();
    expect(bigint).toMatchObject({ seq: '12', msg: 'bigint' });
    expect(cycle).toMatchObject({ msg: 'cycle' });
    expect(String(cycle?.logFieldsError)).toMatch(/circular/i);
  });
});
