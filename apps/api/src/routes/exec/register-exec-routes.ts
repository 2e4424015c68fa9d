import type { ApiApp, ApiContext } from '../../context.js';
import { endAbandonedExecSessions } from '../../services/exec/end-abandoned-exec-sessions.js';
import { registerExecSettingsRoutes } from './exec-settings-routes.js';
import { registerExecSocket } from './exec-socket.js';
import { registerGetExecTranscript } from './get-exec-transcript.js';
import { registerListExecSessions } from './list-exec-sessions.js';
import { registerOpenExecSession } from './open-exec-session.js';

/** Exec terminals (docs/exec.md): grant, socket, audit list, transcripts, the org's switches. */
export function registerExecRoutes(app: ApiApp, ctx: ApiContext): void {
  registerOpenExecSession(app, ctx);
  registerListExecSessions(app, ctx);
  registerGetExecTranscript(app, ctx);
  registerExecSettingsRoutes(app, ctx);
  registerExecSocket(app, ctx);
  sweepAbandonedExecSessions(app, ctx);
}

/** How often the sessions a dead API or an unused ticket left behind are ended. */
const SWEEP_MS = 15_000;

/** At start (sessions a crashed predecessor left open) and then periodically. */
function sweepAbandonedExecSessions(app: ApiApp, ctx: ApiContext): void {
  let timer: NodeJS.Timeout | undefined;
  const sweep = () =>
    endAbandonedExecSessions(ctx).catch((error: unknown) =>
      ctx.log.warn({ err: error }, 'could not end abandoned exec sessions'),
    );
  app.addHook('onReady', async () => {
    await sweep();
    timer = setInterval(sweep, SWEEP_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
