import { AGENT_VERSION } from './agent-version.js';

/** pino's level names and numbers, so the lines read as they did when the agent used pino. */
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type LevelName = keyof typeof LEVELS;

export type LogFields = Record<string, unknown>;
export type LogMethod = {
  (fields: LogFields, message?: string): void;
  (message: string): void;
};

/** The agent's one logger type: JSON lines with level, ISO time, bindings, fields and msg. */
export type Logger = Record<LevelName, LogMethod> & {
  readonly level: LogLevel;
  /** A logger whose every line also carries `bindings`. */
  child(bindings: LogFields): Logger;
};

/** Where the lines go; the default writes to stdout (journald and `docker logs` pick it up). */
export type LogSink = (line: string) => void;

const REDACTED_KEYS: ReadonlySet<string> = new Set(['credential', 'token']);
const CENSOR = '<redacted>';

/**
 * Structured JSON lines, one per call. Credentials and tokens are redacted at the top level and
 * one level down (`credential`, `token`, `*.credential`, `*.token`, `headers.authorization`), as
 * the pino configuration this replaces did. A plain logger rather than pino: pino's worker-thread
 * transports, serializers and sonic-boom cost the agent megabytes for what one `write` does.
 */
export function createLogger(
  level: LogLevel,
  sink: LogSink = (line) => void process.stdout.write(line),
): Logger {
  const base = `"agent":"berth-agent","version":${JSON.stringify(AGENT_VERSION)}`;
  return makeLogger(level, sink, base);
}

/** A logger that writes nothing (tests, and modules used without one). */
export function silentLogger(): Logger {
  return createLogger('silent', () => undefined);
}

function makeLogger(level: LogLevel, sink: LogSink, bound: string): Logger {
  const threshold = level === 'silent' ? Number.POSITIVE_INFINITY : LEVELS[level];
  const method = (name: LevelName): LogMethod => {
    const value = LEVELS[name];
    if (value < threshold) return () => undefined;
    return (fieldsOrMessage: LogFields | string, message?: string) => {
      const fields = typeof fieldsOrMessage === 'string' ? undefined : fieldsOrMessage;
      const msg = typeof fieldsOrMessage === 'string' ? fieldsOrMessage : message;
      const extra = fields ? serializeFields(fields) : '';
      const text = msg === undefined ? '' : `,"msg":${JSON.stringify(msg)}`;
      sink(`{"level":${value},"time":"${new Date().toISOString()}",${bound}${extra}${text}}\n`);
    };
  };
  return {
    level,
    fatal: method('fatal'),
    error: method('error'),
    warn: method('warn'),
    info: method('info'),
    debug: method('debug'),
    trace: method('trace'),
    child: (bindings) => makeLogger(level, sink, `${bound}${serializeFields(bindings)}`),
  };
}

/** `,"key":value…` for each field, redacted, with errors as `{type, message, stack, code}`. */
function serializeFields(fields: LogFields): string {
  let out = '';
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (value === undefined) continue;
    out += `,${JSON.stringify(key)}:${stringify(REDACTED_KEYS.has(key) ? CENSOR : redactNested(key, value))}`;
  }
  return out;
}

function redactNested(key: string, value: unknown): unknown {
  if (value instanceof Error) return serializeError(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const hidden = key === 'headers' ? ['authorization', 'credential', 'token'] : ['credential', 'token'];
  if (!hidden.some((name) => name in record)) return value;
  const copy: Record<string, unknown> = { ...record };
  for (const name of hidden) if (name in copy) copy[name] = CENSOR;
  return copy;
}

function serializeError(error: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) out.code = code;
  if (error.cause !== undefined) {
    out.cause = error.cause instanceof Error ? serializeError(error.cause) : error.cause;
  }
  return out;
}

/** JSON.stringify that cannot throw (a cycle or a BigInt must not take the agent down). */
function stringify(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, inner: unknown) =>
        typeof inner === 'bigint' ? inner.toString() : inner,
      ) ?? 'null'
    );
  } catch {
    return '"[unserializable]"';
  }
}
