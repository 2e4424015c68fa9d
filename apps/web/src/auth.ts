import NextAuth from 'next-auth';
import { getWebEnv, pinAuthUrlForOidc } from '@/env';
import { buildAuthConfig } from '@/lib/auth/build-auth-config';

let config: ReturnType<typeof buildAuthConfig> | undefined;

/**
 * Auth.js, configured lazily on the first request so `next build` needs no AUTH_SECRET.
 * `unstable_update` re-issues the session cookie (org switching).
 */
export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => {
  if (!config) {
    pinAuthUrlForOidc();
    config = buildAuthConfig(getWebEnv());
  }
  return config;
});
