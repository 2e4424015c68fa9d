import type { ExecSettings } from '@berth/api-contract';
import type { Tx } from '@berth/db';

/** The org's exec switches; no row means both off. */
export async function readExecSettings(tx: Tx, orgId: string): Promise<ExecSettings> {
  const row = await tx.execSettings.findUnique({ where: { orgId } });
  return {
    operatorsAllowed: row?.operatorsAllowed ?? false,
    recordTranscripts: row?.recordTranscripts ?? false,
  };
}
