import { type DestinationStream, type LevelWithSilent, type Logger, pino } from 'pino';
import { AGENT_VERSION } from './agent-version.js';

/**
 * Structured JSON lines on stdout (journald and `docker logs` pick them up). Credentials and
 * tokens are redacted wherever they appear in a logged object.
 */
export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { agent: 'berth-agent', version: AGENT_VERSION },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['credential', 'token', '*.credential', '*.token', 'headers.authorization'],
      censor: '<redacted>',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
