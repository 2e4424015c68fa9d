import { parseEnv, ZTrustProxySchema } from '@berth/config';
import { z } from 'zod';

const DAY_S = 24 * 60 * 60;

/**
 * Every variable the console reads, parsed once. Server-only: nothing here may reach the
 * browser bundle (the console needs no NEXT_PUBLIC_ variables; the browser talks to its
 * own origin).
 */
export const ZWebEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Shared with the API, which decrypts the same session cookie. */
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (use `openssl rand -base64 32`)'),
    /** Where this server reaches the API (server-side calls and the /api/v1 proxy). */
    API_INTERNAL_URL: z.url().default('http://127.0.0.1:3001'),
    /** The console's public URL: https here makes cookies Secure and `__Secure-` prefixed. */
    BERTH_PUBLIC_URL: z.url().default('http://localhost:3000'),
    /**
     * Where browsers open exec terminal sockets (docs/exec.md), e.g. wss://berth.example.com;
     * unset: the console's own origin, whose proxy routes /api/v1 to the API (the console's
     * /api/v1 forwarding cannot carry a WebSocket).
     */
    EXEC_SOCKET_URL: z.url().optional(),
    /** Session lifetime in seconds (sliding: refreshed at most hourly while in use). */
    SESSION_MAX_AGE_S: z.coerce
      .number()
      .int()
      .min(300)
      .max(90 * DAY_S)
      .default(7 * DAY_S),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Label of the single sign-on button. */
    OIDC_NAME: z.string().min(1).max(40).default('Single sign-on'),
    /**
     * Who may name the browser in X-Forwarded-For: unset = nobody (browsers connect here
     * directly); 1 behind one proxy (Caddy, an Ingress); or the proxies' addresses/CIDRs.
     * The console passes the browser's address to the API signed; see docs/self-hosting.md.
     */
    TRUST_PROXY: ZTrustProxySchema,
  })
  .refine(
    (env) => {
      const set = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
      return set === 0 || set === 3;
    },
    {
      message: 'set all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or none',
      path: ['OIDC_ISSUER'],
    },
  );
export type WebEnv = z.infer<typeof ZWebEnvSchema>;

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; name: string };

let cached: WebEnv | undefined;

/**
 * Parsed lazily (first use, then cached) so `next build` needs no secrets: nothing that
 * reads it runs at build time, every page that does is rendered per request.
 */
export function getWebEnv(): WebEnv {
  cached ??= parseEnv(ZWebEnvSchema, process.env);
  return cached;
}

/** Single sign-on settings, or null when the three OIDC variables are not set. */
export function getOidcSettings(env: WebEnv = getWebEnv()): OidcSettings | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: env.OIDC_NAME };
}

/** Origin of the console as browsers see it (the API's CSRF check compares `Origin` with it). */
export function getPublicOrigin(env: WebEnv = getWebEnv()): string {
  return new URL(env.BERTH_PUBLIC_URL).origin;
}

/**
 * next-auth takes its own address from AUTH_URL, else from the request: a server action from
 * `Host`, a route handler from the URL Next gives it, which is the address the server listens
 * on (`http://localhost:3000`), never the Host the browser used. Single sign-on breaks on
 * that: the authorization request (the sign-in action) and the token exchange (the callback
 * route) must send the same redirect URI, the one registered at the provider:
 * BERTH_PUBLIC_URL/api/auth/callback/oidc. So with OIDC configured, AUTH_URL defaults to the
 * public origin.
 */
export function pinAuthUrlForOidc(env: WebEnv = getWebEnv()): void {
  if (!getOidcSettings(env)) return;
  // next-auth reads its URL from process.env.AUTH_URL and nowhere else.
  process.env.AUTH_URL ??= getPublicOrigin(env);
}

export function usesSecureCookies(env: WebEnv = getWebEnv()): boolean {
  return new URL(env.BERTH_PUBLIC_URL).protocol === 'https:';
}
