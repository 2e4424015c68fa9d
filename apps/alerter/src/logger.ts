/** A pino-compatible subset (Fastify's `app.log` fits), so embedded mode passes its own. */
export type AlerterLogger = {
  info(context: Record<string, unknown>, message: string): void;
  warn(context: Record<string, unknown>, message: string): void;
  error(context: Record<string, unknown>, message: string): void;
};

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** One JSON line per entry on stdout, as the other services log. */
export function jsonLogger(level: string): AlerterLogger {
  const min = level === 'silent' ? LEVELS.length : Math.max(0, LEVELS.indexOf(level as never));
  const write = (name: (typeof LEVELS)[number]) => (context: Record<string, unknown>, msg: string) => {
    if (LEVELS.indexOf(name) < min) return;
    const err =
      context.err instanceof Error ? { err: { message: context.err.message, stack: context.err.stack } } : {};
    process.stdout.write(
      `${JSON.stringify({ level: name, time: Date.now(), name: 'alerter', ...context, ...err, msg })}\n`,
    );
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
