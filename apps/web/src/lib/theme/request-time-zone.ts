import { cookies } from 'next/headers';
import { safeTimeZone } from '@/lib/format/format-time';
import { TIME_ZONE_COOKIE } from './theme-script';

/** The zone the browser reported in its cookie (server side), UTC until it has. */
export async function requestTimeZone(): Promise<string> {
  return safeTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
}
