import type { Logger } from './logger.js';

/**
 * Runs `shutdown` once on the first SIGTERM or SIGINT. A second signal exits at once (an operator
 * pressing Ctrl-C twice means it), with 130 as a shell reports an interrupt.
 */
export function handleShutdownSignals(
  shutdown: (signal: NodeJS.Signals) => Promise<void>,
  log: Logger,
): void {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      log.warn({ signal }, 'second signal; exiting without waiting');
      process.exit(130);
    }
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    shutdown(signal).catch((error: unknown) => {
      log.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
