import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { CheckSpec, KeywordMatch } from '@berth/protocol';

/** One attempt of a check: whether it passed and what it saw. */
export type ProbeOutcome = {
  ok: boolean;
  latencyMs: number;
  statusCode?: number;
  error?: string;
  slow: boolean;
  certExpiresAt?: string;
  certExpiring: boolean;
};

/** Enough of a body to find a keyword in a health page, never a whole download. */
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;

/** Runs one attempt against an already rendered target. Never throws: failures are outcomes. */
export function probe(spec: CheckSpec, target: string, now: () => number = Date.now): Promise<ProbeOutcome> {
  return spec.kind === 'tcp' ? probeTcp(target, spec.timeoutMs, now) : probeHttp(spec, target, now);
}

function failed(latencyMs: number, error: string, extra: Partial<ProbeOutcome> = {}): ProbeOutcome {
  return { ok: false, latencyMs, error, slow: false, certExpiring: false, ...extra };
}

export function probeTcp(
  target: string,
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<ProbeOutcome> {
  const address = parseHostPort(target);
  if (!address) return Promise.resolve(failed(0, `expected host:port, got "${target}"`));
  const started = now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: address.host, port: address.port });
    const finish = (outcome: ProbeOutcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish(failed(now() - started, `no connection within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('connect', () =>
      finish({ ok: true, latencyMs: now() - started, slow: false, certExpiring: false }),
    );
    socket.once('error', (error) => finish(failed(now() - started, describeNetworkError(error))));
  });
}

/** `host:port` or `[v6]:port`. */
function parseHostPort(target: string): { host: string; port: number } | null {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(target.trim());
  const port = Number(match?.[3]);
  const host = match?.[1] ?? match?.[2];
  return host && port >= 1 && port <= 65_535 ? { host, port } : null;
}

type HttpSpec = NonNullable<CheckSpec['http']>;

async function probeHttp(spec: CheckSpec, target: string, now: () => number): Promise<ProbeOutcome> {
  const options: HttpSpec = spec.http ?? {
    method: 'GET',
    headers: {},
    expectStatus: { min: 200, max: 399 },
    followRedirects: true,
    skipTlsVerify: false,
    certExpiryWarnDays: 14,
  };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return failed(0, `not a URL: "${target}"`);
  }
  const started = now();
  const deadline = started + spec.timeoutMs;
  for (let redirects = 0; ; redirects++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return failed(now() - started, `only http and https URLs are checked, not ${url.protocol}`);
    }
    const response = await request(url, options, deadline, now);
    if ('error' in response) return failed(now() - started, response.error, response.cert ?? {});
    const location = response.headers.location;
    if (options.followRedirects && location && response.status >= 300 && response.status < 400) {
      if (redirects >= MAX_REDIRECTS) return failed(now() - started, `more than ${MAX_REDIRECTS} redirects`);
      url = new URL(location, url);
      continue;
    }
    return judge(options, response, now() - started);
  }
}

type HttpResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Time to the response head. */
  latencyMs: number;
  cert?: { certExpiresAt: string };
};

function request(
  url: URL,
  options: HttpSpec,
  deadline: number,
  now: () => number,
): Promise<HttpResponse | { error: string; cert?: { certExpiresAt: string } }> {
  const started = now();
  const remaining = Math.max(1, deadline - started);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: HttpResponse | { error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(value);
    };
    const req = transport.request(url, {
      method: options.method,
      headers: { 'user-agent': 'berth-agent-check', ...options.headers },
      // A fresh connection per attempt: a pooled socket would hide connect failures and latency.
      agent: false,
      rejectUnauthorized: !options.skipTlsVerify,
    });
    const timer = setTimeout(
      () => settle({ error: `no answer within ${Math.round(deadline - started)} ms` }),
      remaining,
    );
    req.once('error', (error) => settle({ error: describeNetworkError(error) }));
    req.once('response', (res) => {
      const latencyMs = now() - started;
      const cert = peerCertificate(res.socket);
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () =>
        settle({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          latencyMs,
          ...(cert ? { cert } : {}),
        });
      res.on('data', (chunk: Buffer) => {
        if (size >= MAX_BODY_BYTES) return;
        chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
        size += chunk.length;
        if (size >= MAX_BODY_BYTES) done();
      });
      res.once('end', done);
      res.once('error', (error) => settle({ error: describeNetworkError(error) }));
    });
    req.end();
  });
}

function peerCertificate(socket: unknown): { certExpiresAt: string } | undefined {
  const tls = socket as Partial<TLSSocket> | null;
  if (!tls || typeof tls.getPeerCertificate !== 'function') return undefined;
  const validTo = tls.getPeerCertificate()?.valid_to;
  const expires = validTo ? new Date(validTo) : null;
  return expires && !Number.isNaN(expires.getTime()) ? { certExpiresAt: expires.toISOString() } : undefined;
}

function judge(options: HttpSpec, response: HttpResponse, totalMs: number): ProbeOutcome {
  const certExpiring =
    response.cert !== undefined &&
    options.certExpiryWarnDays > 0 &&
    Date.parse(response.cert.certExpiresAt) - Date.now() < options.certExpiryWarnDays * 86_400_000;
  const base = {
    latencyMs: totalMs,
    statusCode: response.status,
    certExpiring,
    ...(response.cert ?? {}),
  };
  const { min, max } = options.expectStatus;
  if (response.status < min || response.status > max) {
    return { ...base, ok: false, slow: false, error: `status ${response.status} not in ${min}–${max}` };
  }
  if (options.keyword) {
    const error = keywordProblem(options.keyword, response.body);
    if (error) return { ...base, ok: false, slow: false, error };
  }
  const slow = options.maxLatencyMs !== undefined && totalMs > options.maxLatencyMs;
  return {
    ...base,
    ok: true,
    slow,
    ...(slow ? { error: `slow: ${totalMs} ms over ${options.maxLatencyMs} ms` } : {}),
  };
}

function keywordProblem(keyword: KeywordMatch, body: string): string | null {
  if (keyword.mode === 'regex') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(keyword.value, keyword.caseSensitive ? '' : 'i');
    } catch (error) {
      return `invalid regular expression: ${(error as Error).message}`;
    }
    return pattern.test(body) ? null : `body does not match /${keyword.value}/`;
  }
  const haystack = keyword.caseSensitive ? body : body.toLowerCase();
  const needle = keyword.caseSensitive ? keyword.value : keyword.value.toLowerCase();
  const found = haystack.includes(needle);
  if (keyword.mode === 'contains') return found ? null : `body does not contain "${keyword.value}"`;
  return found ? `body contains "${keyword.value}"` : null;
}

/** Node's and Bun's network errors as people say them. */
export function describeNetworkError(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the host name (${error.code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'no route to host';
    case 'CERT_HAS_EXPIRED':
      return 'TLS certificate has expired';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'TLS certificate is self-signed (set skip TLS verification to accept it)';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'TLS certificate is not for this host name';
    default:
      return error.code ? `${error.message} (${error.code})` : error.message;
  }
}
