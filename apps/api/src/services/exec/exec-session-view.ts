import type { ExecSession } from '@berth/api-contract';

type Row = {
  id: string;
  hostId: string;
  containerId: string;
  containerName: string;
  userId: string;
  userEmail: string;
  command: string[];
  status: string;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  exitCode: number | null;
  bytesIn: bigint;
  bytesOut: bigint;
  recorded: boolean;
  transcriptTruncated: boolean;
};

/** The columns a view needs (never the transcript itself). */
export const EXEC_SESSION_COLUMNS = {
  id: true,
  hostId: true,
  containerId: true,
  containerName: true,
  userId: true,
  userEmail: true,
  command: true,
  status: true,
  createdAt: true,
  startedAt: true,
  endedAt: true,
  endReason: true,
  exitCode: true,
  bytesIn: true,
  bytesOut: true,
  recorded: true,
  transcriptTruncated: true,
} as const;

export function toExecSessionView(row: Row): ExecSession {
  return {
    ...row,
    status: row.status as ExecSession['status'],
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    bytesIn: Number(row.bytesIn),
    bytesOut: Number(row.bytesOut),
  };
}
