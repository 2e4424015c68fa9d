import type { ExecSettings } from '@berth/api-contract';
import type { Tx } from '@berth/db';
import type { ApiSettings } from '../../context.js';
import { serverExecLimits } from './exec-rules.js';

/** The org's exec switches; no row means both off and the server's limits. */
export async function readExecSettings(tx: Tx, orgId: string, settings: ApiSettings): Promise<ExecSettings> {
  const row = await tx.execSettings.findUnique({ where: { orgId } });
  return {
    operatorsAllowed: row?.operatorsAllowed ?? false,
    recordTranscripts: row?.recordTranscripts ?? false,
    idleTimeoutS: row?.idleTimeoutS ?? null,
    maxDurationS: row?.maxDurationS ?? null,
    serverLimits: serverExecLimits(settings),
  };
}
