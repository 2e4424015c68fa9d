import { getWebEnv } from '@/env';
import { proxyToApi } from '@/lib/api/proxy-to-api';

// Every call is forwarded live, with the caller's cookie; nothing here may be cached.
export const dynamic = 'force-dynamic';

function forward(request: Request): Promise<Response> {
  return proxyToApi(request, { apiBaseUrl: getWebEnv().API_INTERNAL_URL });
}

export {
  forward as DELETE,
  forward as GET,
  forward as HEAD,
  forward as OPTIONS,
  forward as PATCH,
  forward as POST,
  forward as PUT,
};
