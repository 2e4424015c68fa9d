import { type MuteWindow, muteWindowCovers } from '@berth/api-contract';
import type { AlertMuteWindowModel, Tx } from '@berth/db';
import { AppError } from '@berth/http';
import { storedMatchers } from '../silences/active-silences.js';

export const muteWindowNotFound = () => new AppError('not_found', 'no such mute window');

export const muteWindowNameTaken = () =>
  new AppError('conflict', 'a mute window with this name exists', {
    issues: [{ field: 'name', message: 'already taken' }],
  });

export async function findMuteWindow(tx: Tx, windowId: string): Promise<AlertMuteWindowModel> {
  const row = await tx.alertMuteWindow.findUnique({ where: { id: windowId } });
  if (!row) throw muteWindowNotFound();
  return row;
}

/** A stored window as the API answers, with whether it mutes at `now`. */
export function muteWindowView(row: AlertMuteWindowModel, now = new Date()): MuteWindow {
  const window = {
    timeZone: row.timeZone,
    weekdays: row.weekdays,
    startMinute: row.startMinute,
    durationMinutes: row.durationMinutes,
  };
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as MuteWindow['kind'],
    matchers: storedMatchers(row.matchers) ?? [],
    severities: row.severities as MuteWindow['severities'],
    ...window,
    enabled: row.enabled,
    activeNow: row.enabled && muteWindowCovers(window, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
