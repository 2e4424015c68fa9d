import {
  type MuteWindow,
  type NewMuteWindow,
  type NewSilence,
  type Page,
  type Silence,
  ZMuteWindowPageSchema,
  ZMuteWindowSchema,
  ZNoContentSchema,
  ZSilencePageSchema,
  ZSilenceSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { pageQuery } from './pagination';

/** Silences and mute windows. Shapes are the contract's. */
export type { MuteWindow, Silence } from '@berth/api-contract';

/** GET /api/v1/alert-silences — newest first, in the given states (all by default). */
export function listSilences(api: ApiClient, states: readonly string[] = []): Promise<Page<Silence>> {
  return api.request({
    path: '/api/v1/alert-silences',
    query: { ...pageQuery({ limit: 200 }), state: states.length ? states.join(',') : undefined },
    schema: ZSilencePageSchema,
  });
}

/** POST /api/v1/alert-silences (operators and up). */
export function createSilence(api: ApiClient, silence: NewSilence): Promise<Silence> {
  return api.request({
    method: 'POST',
    path: '/api/v1/alert-silences',
    body: silence,
    schema: ZSilenceSchema,
  });
}

/** DELETE /api/v1/alert-silences/:id — ends it now (operators and up). */
export function expireSilence(api: ApiClient, silenceId: string): Promise<Silence> {
  return api.request({
    method: 'DELETE',
    path: `/api/v1/alert-silences/${encodeURIComponent(silenceId)}`,
    schema: ZSilenceSchema,
  });
}

/** GET /api/v1/alert-mute-windows */
export function listMuteWindows(api: ApiClient): Promise<Page<MuteWindow>> {
  return api.request({
    path: '/api/v1/alert-mute-windows',
    query: pageQuery({ limit: 200 }),
    schema: ZMuteWindowPageSchema,
  });
}

/** POST /api/v1/alert-mute-windows (admins). */
export function createMuteWindow(api: ApiClient, window: NewMuteWindow): Promise<MuteWindow> {
  return api.request({
    method: 'POST',
    path: '/api/v1/alert-mute-windows',
    body: window,
    schema: ZMuteWindowSchema,
  });
}

/** PATCH /api/v1/alert-mute-windows/:id (admins). */
export function setMuteWindowEnabled(
  api: ApiClient,
  windowId: string,
  enabled: boolean,
): Promise<MuteWindow> {
  return api.request({
    method: 'PATCH',
    path: `/api/v1/alert-mute-windows/${encodeURIComponent(windowId)}`,
    body: { enabled },
    schema: ZMuteWindowSchema,
  });
}

/** DELETE /api/v1/alert-mute-windows/:id (admins). */
export async function deleteMuteWindow(api: ApiClient, windowId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/alert-mute-windows/${encodeURIComponent(windowId)}`,
    schema: ZNoContentSchema,
  });
}
