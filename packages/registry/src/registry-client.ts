import type { AuthChallenge } from './auth-challenge.js';
import { parseAuthChallenge } from './auth-challenge.js';
import type { RegistryCredentials } from './docker-config.js';
import { basicAuthorization, fetchToken } from './fetch-token.js';
import { registryApiHost } from './image-reference.js';
import { parseRetryAfter } from './rate-limit.js';
import { redact } from './redact.js';
import { RegistryError } from './registry-error.js';
import type { ResolveCredentials } from './resolve-credentials.js';
import { TokenCache } from './token-cache.js';

export type RegistryClientOptions = {
  credentials?: ResolveCredentials;
  /** Registries spoken to over plain HTTP. Default: loopback hosts, as dockerd allows 127.0.0.0/8. */
  plainHttp?: (registry: string) => boolean;
  /** Per request, including the token request. */
  timeoutMs?: number;
  now?: () => number;
};

export type RepositoryTarget = { registry: string; repository: string };

export type RegistryRequest = { method: 'GET' | 'HEAD'; path: string; accept?: string };

export type RegistryClient = {
  /** A v2 API request with the registry's auth applied; rejects with a RegistryError unless 2xx. */
  request(target: RepositoryTarget, request: RegistryRequest): Promise<Response>;
};

const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

function isLoopback(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '');
  return host === 'localhost' || /^127\./.test(host) || host === '[::1]';
}

/** The first `errors[].code` of a registry's JSON error body, for the message (never secrets). */
async function registryErrorCode(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  const code = /"code"\s*:\s*"([A-Z_]{1,64})"/.exec(text)?.[1];
  return code ? ` (${code})` : '';
}

export function createRegistryClient(options: RegistryClientOptions = {}): RegistryClient {
  const now = options.now ?? Date.now;
  const tokens = new TokenCache(now);
  // The challenge last seen per repository, so later requests authorise up front (no 401 round trip).
  const challenges = new Map<string, AuthChallenge>();
  const plainHttp = options.plainHttp ?? isLoopback;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function send(
    registry: string,
    url: string,
    init: { method: string; headers: Record<string, string> },
    secrets: string[],
  ): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const cause = error instanceof Error ? `${error.message}${causeText(error)}` : String(error);
      throw new RegistryError('network', `cannot reach ${registry}: ${redact(cause, secrets)}`, {
        registry,
      });
    }
  }

  async function authorisation(
    target: RepositoryTarget,
    challenge: AuthChallenge | undefined,
    credentials: RegistryCredentials | undefined,
    secrets: string[],
  ): Promise<string | undefined> {
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') return credentials ? basicAuthorization(credentials) : undefined;
    const scope = `repository:${target.repository}:pull`;
    const key = TokenCache.key([challenge.realm, challenge.service, scope, credentials?.username]);
    const cached = tokens.get(key);
    if (cached) return `Bearer ${cached}`;
    const { token, expiresIn } = await fetchToken({
      registry: target.registry,
      challenge,
      scope,
      credentials,
      send: (url, headers) => send(target.registry, url, { method: 'GET', headers }, secrets),
    });
    tokens.set(key, token, expiresIn);
    secrets.push(token);
    return `Bearer ${token}`;
  }

  function forget(target: RepositoryTarget, challenge: AuthChallenge | undefined, user?: string): void {
    if (challenge?.scheme !== 'bearer') return;
    const scope = `repository:${target.repository}:pull`;
    tokens.delete(TokenCache.key([challenge.realm, challenge.service, scope, user]));
  }

  return {
    async request(target, request) {
      const { registry, repository } = target;
      // Callers may build targets by hand: only a well-formed repository goes into a URL path.
      if (!REPOSITORY.test(repository))
        throw new RegistryError('invalid_reference', `invalid repository "${repository}"`, { registry });
      const credentials = options.credentials?.(registry);
      const secrets = credentials ? [credentials.password] : [];
      const scheme = plainHttp(registry) ? 'http' : 'https';
      const url = `${scheme}://${registryApiHost(registry)}${request.path}`;
      const key = `${registry}/${repository}`;
      const headers = (authorization: string | undefined): Record<string, string> => ({
        ...(request.accept ? { accept: request.accept } : {}),
        ...(authorization ? { authorization } : {}),
      });
      const known = challenges.get(key);
      const first = await authorisation(target, known, credentials, secrets);
      let response = await send(registry, url, { method: request.method, headers: headers(first) }, secrets);
      if (response.status === 401) {
        await response.body?.cancel();
        const challenge = parseAuthChallenge(response.headers.get('www-authenticate'));
        if (first) forget(target, known, credentials?.username);
        if (challenge) challenges.set(key, challenge);
        const retry = await authorisation(target, challenge, credentials, secrets);
        if (!retry || (retry === first && challenge?.scheme === 'basic'))
          throw unauthorised(target, credentials !== undefined);
        response = await send(registry, url, { method: request.method, headers: headers(retry) }, secrets);
      }
      if (response.ok) return response;
      throw await statusError(target, response, credentials !== undefined, now);
    },
  };
}

function causeText(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : '';
}

function unauthorised(target: RepositoryTarget, hadCredentials: boolean): RegistryError {
  const { registry, repository } = target;
  return new RegistryError(
    'unauthorized',
    hadCredentials
      ? `${registry} refused the credentials given for it (repository ${repository})`
      : `${registry} requires credentials for ${repository} and none are configured for it (Docker config or per-registry credentials)`,
    { registry, status: 401 },
  );
}

async function statusError(
  target: RepositoryTarget,
  response: Response,
  hadCredentials: boolean,
  now: () => number,
): Promise<RegistryError> {
  const { registry, repository } = target;
  const status = response.status;
  const code = await registryErrorCode(response);
  if (status === 401) return unauthorised(target, hadCredentials);
  if (status === 403)
    return new RegistryError('unauthorized', `${registry} denied access to ${repository}${code}`, {
      registry,
      status,
    });
  if (status === 404)
    return new RegistryError('not_found', `${registry} has no ${repository} or no such tag${code}`, {
      registry,
      status,
    });
  if (status === 429) {
    const resetAt = parseRetryAfter(response.headers, new Date(now()));
    const when = resetAt ? `; retry after ${resetAt.toISOString()}` : '';
    return new RegistryError('rate_limited', `${registry} rate-limited the request${when}`, {
      registry,
      status,
      ...(resetAt ? { resetAt } : {}),
    });
  }
  return new RegistryError('bad_response', `${registry} answered ${status} for ${repository}${code}`, {
    registry,
    status,
  });
}
