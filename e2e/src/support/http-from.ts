import http from 'node:http';

export type HttpAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One HTTP request from a chosen local address (any of 127.0.0.0/8 reaches a server on
 * 127.0.0.1): what a client at another address looks like to a server on this machine.
 * Redirects are answers, not followed.
 */
export function httpFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: init.method ?? 'GET', headers: init.headers ?? {}, localAddress },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}
