import { getWebEnv } from '@/env';
import { clientAddressOf, vouchFor } from '@/lib/auth/client-address';
import { proxyToApi } from './proxy-to-api';

/**
 * A route handler that forwards its request to the API (API_INTERNAL_URL), streaming, and
 * vouches for the browser's address (resolved under TRUST_PROXY) instead of passing on
 * whatever X-Forwarded-For the browser sent.
 */
export function forwardToApi(request: Request): Promise<Response> {
  const env = getWebEnv();
  const address = clientAddressOf(request.headers, env.TRUST_PROXY);
  return proxyToApi(request, { apiBaseUrl: env.API_INTERNAL_URL, vouch: vouchFor(address, env.AUTH_SECRET) });
}
