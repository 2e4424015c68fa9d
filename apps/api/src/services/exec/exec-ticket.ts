import { randomBytes } from 'node:crypto';
import { type Bus, keys } from '@berth/bus';
import { z } from 'zod';

/** What a granted session's socket needs, kept under its one-time ticket on the bus. */
export const ZExecTicketSchema = z.object({
  sessionId: z.uuid(),
  orgId: z.uuid(),
  userId: z.uuid(),
  hostId: z.uuid(),
  containerId: z.string().regex(/^[0-9a-f]{12}$/),
  cmd: z.array(z.string()).min(1),
  cols: z.int(),
  rows: z.int(),
  user: z.string().optional(),
  record: z.boolean(),
  /** The org's limits as they were at the grant (exec-rules.ts execLimits). */
  idleTimeoutS: z.int().positive(),
  maxDurationS: z.int().positive(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type ExecTicket = z.infer<typeof ZExecTicketSchema>;

const TICKET = /^[A-Za-z0-9_-]{43}$/;

/** Stores the grant under a fresh random ticket (any API instance may take the socket). */
export async function issueExecTicket(bus: Bus, grant: ExecTicket, ttlS: number): Promise<string> {
  const ticket = randomBytes(32).toString('base64url');
  await bus.setKey(keys.execTicket(ticket), JSON.stringify(grant), ttlS * 1000);
  return ticket;
}

/** The grant behind `ticket`, once: the key is deleted as it is read, so a replay finds nothing. */
export async function redeemExecTicket(bus: Bus, ticket: string): Promise<ExecTicket | null> {
  if (!TICKET.test(ticket)) return null;
  const key = keys.execTicket(ticket);
  const value = await bus.getKey(key);
  if (value === null || !(await bus.deleteKeyIf(key, value))) return null;
  const parsed = ZExecTicketSchema.safeParse(JSON.parse(value));
  return parsed.success ? parsed.data : null;
}
