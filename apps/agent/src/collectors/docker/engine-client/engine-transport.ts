import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { EngineEndpoint } from './engine-endpoint.js';
import { EngineError, engineMessageOf } from './engine-error.js';

export type Query = Record<string, string | number | boolean | undefined>;

export type EngineRequest = {
  method?: 'GET' | 'POST' | 'DELETE';
  /**
   * Unversioned (`/containers/json`), like the docker-modem client before: the engine answers in
   * its own API version. Every field and parameter the agent uses exists from API 1.41 (Docker
   * 20.10) on, and pinning an older version would be refused by engines that dropped it.
   */
  path: string;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal | undefined;
};

/** Largest JSON answer read whole (a list of a few thousand containers fits many times over). */
export const MAX_JSON_BYTES = 16 * 1024 * 1024;
/** An error answer is read up to this much; the engine's message is short. */
const MAX_ERROR_BYTES = 16 * 1024;

/**
 * Idle keep-alive connections kept between intervals. The stats pass opens one connection per
 * running container at once (dockerd answers them all in one collector pass); holding all of
 * them idle for the next 10 s costs the agent (and dockerd) memory per socket for nothing, and
 * reconnecting to a unix socket is cheap.
 */
const MAX_IDLE_SOCKETS = 8;

/**
 * HTTP/1.1 to the Engine API over its unix socket or TCP, with one keep-alive agent so the
 * inspect and stats requests reuse connections. Non-2xx answers become `EngineError`s.
 */
export class EngineTransport {
  readonly #agent: http.Agent;

  constructor(private readonly endpoint: EngineEndpoint) {
    const useTls = 'protocol' in endpoint && endpoint.protocol === 'https';
    const options = { keepAlive: true, maxFreeSockets: MAX_IDLE_SOCKETS };
    this.#agent = useTls ? new https.Agent(options) : new http.Agent(options);
  }

  /** The response once its status is 2xx, to be read as a stream; rejects with `EngineError` otherwise. */
  async open(request: EngineRequest): Promise<IncomingMessage> {
    const response = await this.#send(request);
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return response;
    const body = await readBody(response, MAX_ERROR_BYTES, 'truncate');
    throw new EngineError(status, engineMessageOf(body, status), describe(request));
  }

  /** The parsed JSON answer; refuses (and stops reading) one larger than `maxBytes`. */
  async json<T>(request: EngineRequest, maxBytes = MAX_JSON_BYTES): Promise<T> {
    const response = await this.open(request);
    const text = await readBody(response, maxBytes, 'refuse');
    return JSON.parse(text) as T;
  }

  /** A request answered with no body worth reading (start, stop, rename…). */
  async send(request: EngineRequest): Promise<void> {
    const response = await this.open(request);
    await readBody(response, MAX_ERROR_BYTES, 'truncate');
  }

  /**
   * A request the engine answers by hijacking the connection (`101 UPGRADED`, exec start): the
   * raw socket, carrying the process's stream both ways. Never from the keep-alive pool, since
   * the socket is handed over for good.
   */
  upgrade(request: EngineRequest): Promise<Duplex> {
    const body = Buffer.from(JSON.stringify(request.body ?? {}));
    const useTls = 'protocol' in this.endpoint && this.endpoint.protocol === 'https';
    const options: http.RequestOptions = {
      ...('socketPath' in this.endpoint
        ? { socketPath: this.endpoint.socketPath }
        : { host: this.endpoint.host, port: this.endpoint.port }),
      agent: false,
      method: request.method ?? 'POST',
      path: `${request.path}${queryString(request.query)}`,
      headers: {
        'content-type': 'application/json',
        'content-length': body.length,
        connection: 'Upgrade',
        upgrade: 'tcp',
      },
      ...(request.signal ? { signal: request.signal } : {}),
    };
    return new Promise((resolve, reject) => {
      const outgoing = (useTls ? https : http).request(options);
      outgoing.once('upgrade', (_response, socket, head) => {
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
      });
      outgoing.once('response', (response) => {
        const status = response.statusCode ?? 0;
        readBody(response, MAX_ERROR_BYTES, 'truncate').then(
          (text) => reject(new EngineError(status, engineMessageOf(text, status), describe(request))),
          reject,
        );
      });
      outgoing.once('error', reject);
      outgoing.end(body);
    });
  }

  /** Closes idle keep-alive connections (open streams are aborted through their signals). */
  close(): void {
    this.#agent.destroy();
  }

  #send(request: EngineRequest): Promise<IncomingMessage> {
    const body = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body));
    const options: http.RequestOptions = {
      ...('socketPath' in this.endpoint
        ? { socketPath: this.endpoint.socketPath }
        : { host: this.endpoint.host, port: this.endpoint.port }),
      agent: this.#agent,
      method: request.method ?? 'GET',
      path: `${request.path}${queryString(request.query)}`,
      headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {},
      ...(request.signal ? { signal: request.signal } : {}),
    };
    const useTls = 'protocol' in this.endpoint && this.endpoint.protocol === 'https';
    return new Promise((resolve, reject) => {
      const outgoing = (useTls ? https : http).request(options, resolve);
      outgoing.once('error', reject);
      outgoing.end(body);
    });
  }
}

function describe(request: EngineRequest): string {
  return `${request.method ?? 'GET'} ${request.path}`;
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The body as text, at most `maxBytes` of it: 'truncate' keeps the first `maxBytes` (error
 * messages), 'refuse' rejects (a JSON answer cut short is no answer). Either way the rest is
 * not buffered: the response is destroyed.
 */
async function readBody(
  response: IncomingMessage,
  maxBytes: number,
  overflow: 'truncate' | 'refuse',
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (size + chunk.length > maxBytes) {
      response.destroy();
      if (overflow === 'refuse')
        throw new Error(`the engine's answer is larger than ${maxBytes} bytes; not read`);
      chunks.push(chunk.subarray(0, maxBytes - size));
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}
