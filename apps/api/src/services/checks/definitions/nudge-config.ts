import { channels, keys } from '@berth/bus';
import type { ApiContext } from '../../../context.js';

/**
 * Tells the gateway holding each host that its pushed config changed (after the change has
 * committed: the gateway reads it in a new transaction). Best effort: a host that is offline,
 * or a nudge that is lost, gets the current config on its next hello.
 */
export async function nudgeConfig(ctx: ApiContext, hostIds: readonly string[]): Promise<void> {
  await Promise.all(
    hostIds.map(async (hostId) => {
      try {
        const gatewayId = await ctx.bus.getKey(keys.presence(hostId));
        if (gatewayId) await ctx.bus.publish(channels.gatewayActions(gatewayId), { kind: 'config', hostId });
      } catch (error) {
        ctx.log.warn({ err: error, hostId }, 'could not nudge the gateway about a config change');
      }
    }),
  );
}
