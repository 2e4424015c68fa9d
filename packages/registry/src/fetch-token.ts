import * as z from 'zod/mini';
import type { AuthChallenge } from './auth-challenge.js';
import type { RegistryCredentials } from './docker-config.js';
import { RegistryError } from './registry-error.js';

const ZTokenResponseSchema = z.object({
  token: z.optional(z.string()),
  access_token: z.optional(z.string()),
  expires_in: z.optional(z.number()),
});

export type TokenRequest = {
  registry: string;
  challenge: Extract<AuthChallenge, { scheme: 'bearer' }>;
  scope: string;
  credentials: RegistryCredentials | undefined;
  send: (url: string, headers: Record<string, string>) => Promise<Response>;
};

export function basicAuthorization(credentials: RegistryCredentials): string {
  const bytes = new TextEncoder().encode(`${credentials.username}:${credentials.password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** The token flow of the distribution spec: GET realm?service&scope, basic auth when we have it. */
export async function fetchToken(request: TokenRequest): Promise<{ token: string; expiresIn: number }> {
  const { registry, challenge, credentials } = request;
  const url = new URL(challenge.realm);
  if (challenge.service) url.searchParams.set('service', challenge.service);
  url.searchParams.set('scope', request.scope);
  const headers: Record<string, string> = credentials
    ? { authorization: basicAuthorization(credentials) }
    : {};
  const response = await request.send(url.toString(), headers);
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new RegistryError(
      'unauthorized',
      credentials
        ? `the token service of ${registry} refused the credentials given for it`
        : `the token service of ${registry} refused anonymous access`,
      { registry, status: response.status },
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new RegistryError('bad_response', `the token service of ${registry} answered ${response.status}`, {
      registry,
      status: response.status,
    });
  }
  const parsed = ZTokenResponseSchema.safeParse(await response.json().catch(() => undefined));
  const token = parsed.success ? (parsed.data.token ?? parsed.data.access_token) : undefined;
  if (!parsed.success || !token)
    throw new RegistryError('bad_response', `the token service of ${registry} returned no token`, {
      registry,
    });
  // The spec's default lifetime when the service does not say.
  return { token, expiresIn: parsed.data.expires_in ?? 60 };
}
