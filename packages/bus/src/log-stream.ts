import { ZLiveLogEntrySchema } from '@berth/protocol';
import { z } from 'zod';
import { channels } from './names.js';
import type { Bus } from './types.js';

/**
 * Lines of one live log stream, from the gateway holding the host to the API request following
 * it (`channels.logStream`). Not the agent's `log_lines` frame: the gateway has validated that
 * frame and passes on only the lines and how the stream ended, so the agent's wire format stops
 * at the gateway. Added to, never renamed.
 */
export const ZLogStreamMessageSchema = z.object({
  lines: z.array(ZLiveLogEntrySchema),
  /** Set on the stream's last message; `error` says why it ended early (null: it just ended). */
  end: z.object({ error: z.string().nullable() }).nullable(),
});
export type LogStreamMessage = z.infer<typeof ZLogStreamMessageSchema>;

/** Publishes to the stream's channel; resolves to how many subscribers received it. */
export function publishLogStream(bus: Bus, streamId: string, message: LogStreamMessage): Promise<number> {
  return bus.publish(channels.logStream(streamId), message);
}
