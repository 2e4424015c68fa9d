import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TokenGate = {
  host: string;
  /** Token requests received: scope and the basic user, if any. */
  tokenRequests: { scope: string | null; user: string | undefined }[];
  /** Registry requests forwarded (authorised) and refused (401), as `METHOD /path`. */
  forwarded: string[];
  refused: string[];
  close(): Promise<void>;
};

export type TokenGateOptions = {
  upstream: string;
  /** Basic credentials the token service accepts; anonymous tokens too when `anonymous`. */
  user: { username: string; password: string };
  anonymous: boolean;
  /** Repositories answered with 429 and `Retry-After`, like an exhausted Docker Hub quota. */
  rateLimited?: string[];
  /**
   * Serve tag lists in pages of `n` with `Link: <…?last=…&n=…>; rel="next"`, as Docker Hub,
   * GHCR and distribution 3 do (Debian's distribution 2.8 ignores `n` and returns every tag).
   */
  pageTags?: boolean;
};

/**
 * A loopback stand-in for a token-auth registry front (what Docker Hub and most hosted
 * registries run): `/token` issues bearer tokens per scope; every `/v2/` request needs one, is
 * refused with a Bearer challenge otherwise, and is forwarded to the real registry behind it,
 * with Docker Hub's quota headers added.
 */
export async function startTokenGate(options: TokenGateOptions): Promise<TokenGate> {
  const tokens = new Map<string, string>();
  const gate: Omit<TokenGate, 'host' | 'close'> = { tokenRequests: [], forwarded: [], refused: [] };
  let remaining = 100;

  function issueToken(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const header = req.headers.authorization ?? '';
    const basic = /^Basic (.+)$/.exec(header)?.[1];
    const [username, password] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
    gate.tokenRequests.push({ scope: url.searchParams.get('scope'), user: username });
    const valid = basic
      ? username === options.user.username && password === options.user.password
      : options.anonymous;
    if (!valid) {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"details":"incorrect username or password"}');
      return;
    }
    const token = randomBytes(16).toString('hex');
    tokens.set(token, url.searchParams.get('scope') ?? '');
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token, expires_in: 300 }));
  }

  async function forward(req: IncomingMessage, res: ServerResponse, url: URL, host: string): Promise<void> {
    const repository = /^\/v2\/(.+?)\/(?:manifests|tags|blobs)\//.exec(url.pathname)?.[1] ?? '';
    const scope = `repository:${repository}:pull`;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const line = `${req.method} ${url.pathname}${url.search}`;
    if (!token || tokens.get(token) !== scope) {
      gate.refused.push(line);
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="http://${host}/token",service="berth-test",scope="${scope}"`,
        })
        .end();
      return;
    }
    if (options.rateLimited?.includes(repository)) {
      gate.forwarded.push(line);
      res.writeHead(429, {
        'retry-after': '3600',
        'ratelimit-limit': '100;w=21600',
        'ratelimit-remaining': '0;w=21600',
      });
      res.end('{"errors":[{"code":"TOOMANYREQUESTS","message":"pull rate limit"}]}');
      return;
    }
    gate.forwarded.push(line);
    if (options.pageTags && url.pathname.endsWith('/tags/list')) return pageTags(res, url);
    const upstream = await fetch(`${options.upstream}${url.pathname}${url.search}`, {
      method: req.method ?? 'GET',
      headers: req.headers.accept ? { accept: req.headers.accept } : {},
    });
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, key) => {
      if (!['content-encoding', 'transfer-encoding', 'connection', 'content-length'].includes(key))
        headers[key] = value;
    });
    remaining -= 1;
    headers['ratelimit-limit'] = '100;w=21600';
    headers['ratelimit-remaining'] = `${remaining};w=21600`;
    const body = req.method === 'HEAD' ? undefined : Buffer.from(await upstream.arrayBuffer());
    if (req.method === 'HEAD') headers['content-length'] = upstream.headers.get('content-length') ?? '0';
    res.writeHead(upstream.status, headers).end(body);
  }

  async function pageTags(res: ServerResponse, url: URL): Promise<void> {
    const upstream = await fetch(`${options.upstream}${url.pathname}`);
    const list = (await upstream.json()) as { name: string; tags: string[] };
    const all = [...list.tags].sort();
    const n = Number(url.searchParams.get('n') ?? all.length);
    const last = url.searchParams.get('last');
    const start = last ? all.findIndex((tag) => tag > last) : 0;
    const page = start === -1 ? [] : all.slice(start, start + n);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const lastOfPage = page.at(-1);
    if (lastOfPage && start + n < all.length)
      headers.link = `<${url.pathname}?last=${encodeURIComponent(lastOfPage)}&n=${n}>; rel="next"`;
    res.writeHead(200, headers).end(JSON.stringify({ name: list.name, tags: page }));
  }

  const server = createServer((req, res) => {
    const host = req.headers.host ?? '';
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/token') return issueToken(req, res, url);
    forward(req, res, url, host).catch((error: unknown) => {
      res.writeHead(502).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...gate,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
