import { cookies } from 'next/headers';
import { usesSecureCookies } from '@/env';

/**
 * The browser's sign-in device token (issued by the API at each password sign-in, or by an
 * e-mailed unlock link): it makes this browser a "known device" of the accounts that signed
 * in with it, whose password sign-in is then never held back by strangers' failures
 * (docs/security.md). HttpOnly, never read by page scripts; Secure on https.
 */
const NAME = 'berth-device';
const SECURE_NAME = '__Secure-berth-device';
const TOKEN = /^berth_device_[A-Za-z0-9_-]{43}$/;

export type DeviceToken = { token: string; expiresAt: string };

function nameOf(secure: boolean): string {
  return secure ? SECURE_NAME : NAME;
}

/** The token this browser sent, if it is one. */
export async function readDeviceToken(): Promise<string | undefined> {
  const value = (await cookies()).get(nameOf(usesSecureCookies()))?.value;
  return value && TOKEN.test(value) ? value : undefined;
}

/** Keeps (or replaces) the browser's token; only in server actions and route handlers. */
export async function keepDeviceToken(device: DeviceToken): Promise<void> {
  if (!TOKEN.test(device.token)) return;
  const secure = usesSecureCookies();
  (await cookies()).set(nameOf(secure), device.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: new Date(device.expiresAt),
  });
}
