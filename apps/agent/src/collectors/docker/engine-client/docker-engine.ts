import type { IncomingMessage } from 'node:http';
import { readLines } from '../../shared/read-lines.js';
import { EngineContainer } from './engine-container.js';
import type { EngineEndpoint } from './engine-endpoint.js';
import { EngineExec } from './engine-exec.js';
import { type EngineRequest, EngineTransport, type Query } from './engine-transport.js';
import type {
  ContainerCreateOptions,
  ContainerSummary,
  EngineVersion,
  ImageInspect,
} from './engine-types.js';
import { splitImageReference } from './image-reference.js';

/**
 * The Docker Engine API calls the agent makes, and nothing else: a few hundred lines over
 * node:http instead of dockerode, docker-modem and readable-stream (docs/decisions.md).
 */
export class DockerEngine {
  readonly #transport: EngineTransport;

  constructor(endpoint: EngineEndpoint) {
    this.#transport = new EngineTransport(endpoint);
  }

  version(signal?: AbortSignal): Promise<EngineVersion> {
    return this.#transport.json({ path: '/version', signal });
  }

  /** `docker ps` (`all`: stopped ones too). */
  listContainers(options: { all: boolean; signal?: AbortSignal }): Promise<ContainerSummary[]> {
    return this.#transport.json({
      path: '/containers/json',
      query: { all: options.all },
      signal: options.signal,
    });
  }

  /** `docker exec` calls (create, start with a hijacked stream, resize, inspect). */
  exec(): EngineExec {
    return new EngineExec(this.#transport);
  }

  container(id: string): EngineContainer {
    return new EngineContainer(this.#transport, id);
  }

  async createContainer(options: ContainerCreateOptions): Promise<EngineContainer> {
    const { name, ...body } = options;
    const created = await this.#transport.json<{ Id: string }>({
      method: 'POST',
      path: '/containers/create',
      query: { name },
      body,
    });
    return this.container(created.Id);
  }

  inspectImage(reference: string, signal?: AbortSignal): Promise<ImageInspect> {
    return this.#transport.json({ path: `/images/${encodeImageReference(reference)}/json`, signal });
  }

  /**
   * `docker pull repo:tag` (or `repo@sha256:…`, which pulls exactly that digest): resolves once
   * the engine reports the pull done, rejects with the engine's message when a progress line
   * carries an error (the status stays 200 by then). `onLine` sees every progress line.
   */
  async pull(reference: string, signal?: AbortSignal, onLine?: (line: string) => void): Promise<void> {
    const { repository, tag } = splitImageReference(reference);
    const digest = reference.includes('@') ? reference.slice(reference.indexOf('@') + 1) : null;
    const body = await this.#transport.open({
      method: 'POST',
      path: '/images/create',
      // The engine takes a digest in `tag` too; a digest wins over the tag it was written with.
      query: { fromImage: repository, tag: digest ?? tag ?? 'latest' },
      signal,
    });
    let failure: string | undefined;
    await readLines(body, (line) => {
      failure ??= pullError(line);
      onLine?.(line);
    });
    if (failure !== undefined) throw new Error(failure);
  }

  /** `GET /events` as a stream of JSON lines; `until` in the past ends it, otherwise it follows. */
  events(query: Query, signal?: AbortSignal): Promise<IncomingMessage> {
    const request: EngineRequest = { path: '/events', query, signal };
    return this.#transport.open(request);
  }

  /** Closes idle connections; streams end through the signals they were opened with. */
  close(): void {
    this.#transport.close();
  }
}

/** Slashes and the tag's colon stay as they are: the engine routes `/images/{name:.*}/json`. */
function encodeImageReference(reference: string): string {
  return encodeURIComponent(reference).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%40/g, '@');
}

/** The error a pull progress line reports (`{"error": …, "errorDetail": …}`), if any. */
export function pullError(line: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      return typeof parsed.error === 'string' ? parsed.error : JSON.stringify(parsed.error);
    }
  } catch {
    return `unreadable pull progress: ${line.slice(0, 200)}`;
  }
  return undefined;
}
