import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { BlockedDestinationError, isPrivateAddress } from './destination-guard.js';

export type HttpRequest = {
  method: 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body: string;
};

export type HttpResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export type TransportOptions = {
  /** Whole exchange, connect to last byte: a slow receiver must not hold a delivery worker. */
  timeoutMs: number;
  allowPrivateTargets: boolean;
};

/** Receivers answer errors in a few hundred bytes; more is not read. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const USER_AGENT = 'Berth-Notify/1';

export class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

/**
 * One HTTP(S) request, no redirects followed (a redirect could lead past the destination
 * guard, and receivers of webhooks do not redirect), the response body capped.
 */
export function httpSend(request: HttpRequest, options: TransportOptions): Promise<HttpResponse> {
  const url = new URL(request.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivateTargets && isIP(host) && isPrivateAddress(host))
    return Promise.reject(new BlockedDestinationError(host));
  const lookup: LookupFunction | undefined = options.allowPrivateTargets
    ? undefined
    : (hostname, lookupOptions, callback) => {
        dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
          if (error) return callback(error, '', 0);
          const allowed = addresses.filter((a) => !isPrivateAddress(a.address));
          if (allowed.length === 0 || allowed.length < addresses.length)
            return callback(new BlockedDestinationError(hostname), '', 0);
          if (lookupOptions.all)
            return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
          const first = allowed[0] as LookupAddress;
          callback(null, first.address, first.family);
        });
      };
  const body = Buffer.from(request.body, 'utf8');
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: request.method,
        headers: { 'user-agent': USER_AGENT, ...request.headers, 'content-length': String(body.length) },
        lookup,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size >= MAX_RESPONSE_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8'),
          });
        });
        res.on('error', fail);
      },
    );
    const timer = setTimeout(
      () => req.destroy(new TimeoutError(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    req.on('error', fail);
    req.end(body);
  });
}
