import { channels, type GatewayMessage, keys } from '@berth/bus';
import type { ApiContext } from '../../context.js';

/**
 * Tells the gateway holding the host's socket (found through its presence key) to close it
 * now. Best effort after the revocation has committed: if the bus fails, the gateway still
 * refuses the host's next batch or reconnect, so the failure is logged, not thrown.
 * Returns whether a gateway was told.
 */
export async function disconnectHost(ctx: ApiContext, hostId: string): Promise<boolean> {
  try {
    const gatewayId = await ctx.bus.getKey(keys.presence(hostId));
    if (!gatewayId) return false;
    const message: GatewayMessage = { kind: 'revoke', hostId };
    await ctx.bus.publish(channels.gatewayActions(gatewayId), message);
    return true;
  } catch (error) {
    ctx.log.warn({ err: error, hostId }, 'could not tell the gateway to disconnect a revoked host');
    return false;
  }
}
