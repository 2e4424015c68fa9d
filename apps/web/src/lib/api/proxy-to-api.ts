/** Headers that describe one hop, not the message; never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  // Server-to-server signatures: only this back end may add them, never a browser through the proxy.
  'x-berth-internal',
  'x-berth-client',
  // Who the browser is, this console decides (TRUST_PROXY) and vouches for in x-berth-client;
  // what the browser claims and this server's own peer stamp are not passed on.
  'x-forwarded-for',
  'forwarded',
  'x-real-ip',
  'x-berth-peer',
]);

/** fetch decodes compressed bodies itself, so the upstream's encoding headers would lie. */
const STALE_RESPONSE_HEADERS = new Set(['content-encoding', 'content-length']);

export type ProxyOptions = {
  /** The API's base URL (API_INTERNAL_URL). */
  apiBaseUrl: string;
  fetch?: typeof fetch;
  /** Headers vouching for the browser's address for one method and path (lib/auth/client-address.ts). */
  vouch?: (request: { method: string; path: string }) => Record<string, string>;
};

/**
 * Forwards one browser request to the API and streams the answer back unbuffered, so
 * `GET /api/v1/stream` (SSE) flows event by event and ends when the browser goes away.
 * Cookies, Origin and Sec-Fetch-Site pass through untouched: the API authenticates the
 * session cookie and runs its CSRF check exactly as if the browser had called it.
 */
export async function proxyToApi(request: Request, options: ProxyOptions): Promise<Response> {
  const incoming = new URL(request.url);
  const target = new URL(`${incoming.pathname}${incoming.search}`, options.apiBaseUrl);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await (options.fetch ?? fetch)(target, {
      method: request.method,
      headers: forwardedRequestHeaders(request, incoming, options),
      body: hasBody ? request.body : undefined,
      // Required by fetch for a streamed request body.
      ...(hasBody ? { duplex: 'half' } : {}),
      redirect: 'manual',
      signal: request.signal,
      cache: 'no-store',
    } as RequestInit);
  } catch (error) {
    if (request.signal.aborted) return new Response(null, { status: 499 });
    return unreachable(error);
  }
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: responseHeaders(upstream),
  });
}

function forwardedRequestHeaders(request: Request, incoming: URL, options: ProxyOptions): Headers {
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) headers.set(name, value);
  });
  const vouched = options.vouch?.({ method: request.method, path: incoming.pathname }) ?? {};
  for (const [name, value] of Object.entries(vouched)) headers.set(name, value);
  headers.set('accept-encoding', 'identity');
  // The host the browser used (Next rewrites request.url's host to localhost).
  headers.set(
    'x-forwarded-host',
    request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? incoming.host,
  );
  headers.set(
    'x-forwarded-proto',
    request.headers.get('x-forwarded-proto') ?? incoming.protocol.replace(':', ''),
  );
  return headers;
}

function responseHeaders(upstream: Response): Headers {
  const headers = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && !STALE_RESPONSE_HEADERS.has(name)) headers.append(name, value);
  });
  // Set-Cookie must survive as separate headers; forEach joins them.
  headers.delete('set-cookie');
  for (const cookie of upstream.headers.getSetCookie()) headers.append('set-cookie', cookie);
  if (headers.get('content-type')?.startsWith('text/event-stream')) {
    // `no-transform` keeps Next's gzip (and proxies that honour it) from buffering events.
    headers.set('cache-control', 'no-cache, no-transform');
    headers.set('x-accel-buffering', 'no');
  }
  return headers;
}

function unreachable(error: unknown): Response {
  console.error('api proxy: upstream request failed', error);
  return Response.json(
    {
      error: { code: 'api_unreachable', message: 'The Berth API is unreachable. Check that it is running.' },
    },
    { status: 502 },
  );
}
