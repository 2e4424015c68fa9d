import type { ApiApp, ApiContext } from '../../context.js';
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
}
