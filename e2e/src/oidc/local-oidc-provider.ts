import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { type AuthorizationParams, createInteractions, type IdpAccount } from './provider-interactions.js';

export type LocalOidcProviderOptions = {
  clientId: string;
  clientSecret: string;
  /** The console's Auth.js callback (`…/api/auth/callback/<provider id>`). */
  redirectUri: string;
  accounts: readonly IdpAccount[];
};

export type LocalOidcProvider = {
  /** The issuer identifier, also where discovery starts (`/.well-known/openid-configuration`). */
  issuer: string;
  /** Parameters of every authorization request, in order. */
  requests: AuthorizationParams[];
  /** Errors the provider hit while answering (a failing test prints them). */
  errors: Error[];
  close(): Promise<void>;
};

/**
 * A real OpenID Provider (oidc-provider, in-memory adapter, a fresh RS256 key) on a free
 * loopback port, with one confidential client. PKCE is required, so a sign-in that works
 * proves the console sent it.
 */
export async function startLocalOidcProvider(options: LocalOidcProviderOptions): Promise<LocalOidcProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'e2e' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    findAccount: async (_ctx, sub) => {
      const account = options.accounts.find((candidate) => candidate.sub === sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
        }),
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Like Keycloak, Entra ID or Google: the granted claims go in the ID token, which is
    // what Auth.js reads as the profile.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  const errors: Error[] = [];
  provider.on('server_error', (_ctx, error) => errors.push(error));
  const interactions = createInteractions(provider, options.accounts);
  const answer = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return answer(req, res);
    interactions.handle(req, res).catch((error: unknown) => {
      errors.push(error instanceof Error ? error : new Error(String(error)));
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return {
    issuer,
    requests: interactions.requests,
    errors,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
