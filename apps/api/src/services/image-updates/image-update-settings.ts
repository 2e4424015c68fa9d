import type { ImageUpdateSettings, ImageUpdateSettingsChange } from '@berth/api-contract';
import { readImageUpdateSettings, writeImageUpdateSettings } from '@berth/db/queries';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { inOrg } from '../in-org.js';

function view(settings: { checkIntervalS: number | null; updatedAt: Date | null }): ImageUpdateSettings {
  return { checkIntervalS: settings.checkIntervalS, updatedAt: settings.updatedAt?.toISOString() ?? null };
}

export function getImageUpdateSettings(ctx: ApiContext, principal: Principal): Promise<ImageUpdateSettings> {
  return inOrg(ctx, principal, async (tx) => view(await readImageUpdateSettings(tx, principal.orgId)));
}

/** Sets the interval (null: back to the server's default) and audits before and after in one transaction. */
export function setImageUpdateSettings(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  change: ImageUpdateSettingsChange,
): Promise<ImageUpdateSettings> {
  return inOrg(ctx, principal, async (tx) => {
    const before = await readImageUpdateSettings(tx, principal.orgId);
    const after = await writeImageUpdateSettings(tx, principal.orgId, change.checkIntervalS);
    await writeAudit(tx, principal, request, {
      action: 'image_updates.settings',
      targetType: 'org',
      targetId: principal.orgId,
      details: {
        before: { checkIntervalS: before.checkIntervalS },
        after: { checkIntervalS: after.checkIntervalS },
      },
    });
    return view(after);
  });
}
