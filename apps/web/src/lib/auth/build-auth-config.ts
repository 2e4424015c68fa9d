import type { NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getOidcSettings, type OidcSettings, usesSecureCookies, type WebEnv } from '@/env';
import { authorizePassword } from './authorize-password';
import { createJwtCallback, sessionCallback } from './session-callbacks';
import { sessionCookieName } from './session-cookie';

/** Re-issue the cookie at most hourly while the console is used (sliding expiry). */
const UPDATE_AGE_S = 60 * 60;

export function buildAuthConfig(env: WebEnv): NextAuthConfig {
  const secure = usesSecureCookies(env);
  const oidc = getOidcSettings(env);
  return {
    secret: env.AUTH_SECRET,
    // Self-hosted behind the operator's proxy: the host comes from the request.
    trustHost: true,
    basePath: '/api/auth',
    useSecureCookies: secure,
    session: { strategy: 'jwt', maxAge: env.SESSION_MAX_AGE_S, updateAge: UPDATE_AGE_S },
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
    },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      Credentials({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        authorize: authorizePassword,
      }),
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: { jwt: createJwtCallback(env.SESSION_MAX_AGE_S), session: sessionCallback },
  };
}

/** A generic OpenID Connect provider (Keycloak, Authentik, Okta, Entra ID, Google…), discovered from the issuer. */
function oidcProvider(settings: OidcSettings): NonNullable<NextAuthConfig['providers']>[number] {
  return {
    id: 'oidc',
    name: settings.name,
    type: 'oidc',
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: 'openid email profile' } },
  };
}
