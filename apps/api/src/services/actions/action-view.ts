import type { Action } from '@berth/api-contract';

export type ActionView = Action;

type ActionRow = {
  id: string;
  hostId: string;
  containerShortId: string | null;
  verb: string;
  params: unknown;
  status: ActionView['status'];
  output: string | null;
  requestedBy: string | null;
  requestedByToken: string | null;
  deadline: Date;
  createdAt: Date;
  sentAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** An action row as the API answers it. */
export function toActionView(row: ActionRow): ActionView {
  return {
    id: row.id,
    hostId: row.hostId,
    containerId: row.containerShortId?.trim() ?? null,
    verb: row.verb,
    params: (row.params ?? {}) as Record<string, unknown>,
    status: row.status,
    output: row.output,
    requestedBy: row.requestedBy,
    requestedByToken: row.requestedByToken,
    deadline: row.deadline.toISOString(),
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.finishedAt ? row.finishedAt.getTime() - row.createdAt.getTime() : null,
  };
}
