import { AGENT_VERSION } from '../cli/agent-version.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

type LogMethod = {
  (fields: object, message?: string): void;
  (message: string): void;
};

export type Logger = Record<Exclude<LogLevel, 'silent'>, LogMethod>;

/** pino's numbers, so the lines read the same as the gateway's and the API's (`level: 30` is info). */
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** Credentials and tokens, at any depth of a logged object (a stricter rule than listing paths). */
const REDACTED_KEYS = new Set(['credential', 'token', 'authorization']);

const ignore: LogMethod = () => undefined;

/**
 * One JSON object a line on stdout (journald and `docker logs` pick them up), in the shape pino
 * wrote: `{"level":30,"time":"…","agent":"berth-agent","version":"…",…fields,"msg":"…"}`. A plain
 * writer rather than pino: the agent needs levels, redaction and errors as objects, and nothing
 * of pino's transports, serializers or asynchronous destinations.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const threshold = level === 'silent' ? Number.POSITIVE_INFINITY : LEVELS[level];
  const base = `,"agent":"berth-agent","version":${JSON.stringify(AGENT_VERSION)}`;
  const method = (name: keyof typeof LEVELS): LogMethod => {
    if (LEVELS[name] < threshold) return ignore;
    const head = `{"level":${LEVELS[name]},"time":"`;
    return (fieldsOrMessage: object | string, message?: string) => {
      const fields = typeof fieldsOrMessage === 'string' ? '' : encodeFields(fieldsOrMessage);
      const text = typeof fieldsOrMessage === 'string' ? fieldsOrMessage : message;
      const msg = text === undefined ? '' : `,"msg":${JSON.stringify(text)}`;
      write(`${head}${new Date().toISOString()}"${base}${fields}${msg}}\n`);
    };
  };
  return {
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    fatal: method('fatal'),
  };
}

/** The fields as `,"a":1,"b":2` (empty for none). Logging never throws: a field that cannot be encoded is named instead. */
function encodeFields(fields: object): string {
  let json: string;
  try {
    json = JSON.stringify(fields, redactAndExpand);
  } catch (error) {
    json = JSON.stringify({ logFieldsError: error instanceof Error ? error.message : String(error) });
  }
  return json === '{}' ? '' : `,${json.slice(1, -1)}`;
}

function redactAndExpand(key: string, value: unknown): unknown {
  if (REDACTED_KEYS.has(key) && value !== undefined && value !== null) return '<redacted>';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) {
    // Own enumerable properties carry `code`, `errno`, zod's `issues`; `cause` is not enumerable.
    return { ...value, type: value.name, message: value.message, stack: value.stack, cause: value.cause };
  }
  return value;
}
