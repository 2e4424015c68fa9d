import { getWebEnv } from '@/env';
import { proxyToApi } from './proxy-to-api';

/** A route handler that forwards its request to the API (API_INTERNAL_URL), streaming. */
export function forwardToApi(request: Request): Promise<Response> {
  return proxyToApi(request, { apiBaseUrl: getWebEnv().API_INTERNAL_URL });
}
