import type { ImageCheckFrame, ImageCheckResultFrame } from '@berth/protocol';
import type { RegistryClient } from '@berth/registry';
import { createRegistryClient, credentialResolver } from '@berth/registry';
import type { Logger } from '../cli/logger.js';
import { mapWithConcurrency } from '../collectors/shared/map-with-concurrency.js';
import { runImageCheck } from './run-image-check.js';

/**
 * A client for one request with the organisation's credentials: they live as long as the request
 * (not written anywhere, not reused for another request, whose credentials may have changed).
 */
function clientWith(credentials: NonNullable<ImageCheckFrame['credentials']>): RegistryClient {
  const explicit = Object.fromEntries(
    credentials.map(({ registry, username, password }) => [registry, { username, password }]),
  );
  return createRegistryClient({ credentials: credentialResolver({ explicit }) });
}

export type ImageChecksOptions = {
  send: (frame: ImageCheckResultFrame) => void;
  log: Logger;
  /** Registries in flight at once. Default 2: checks are rare and must not crowd the host's uplink. */
  concurrency?: number;
};

/**
 * Serves the gateway's `image_check` requests. The checks run here, on the customer's host and
 * address, because Docker Hub counts anonymous quota per IP (docs/image-updates.md). One client
 * for the agent's life keeps bearer tokens cached between requests.
 */
export class ImageChecks {
  readonly #client: RegistryClient = createRegistryClient();

  constructor(private readonly options: ImageChecksOptions) {}

  async handle(frame: ImageCheckFrame): Promise<void> {
    const client = frame.credentials?.length ? clientWith(frame.credentials) : this.#client;
    const results = await mapWithConcurrency(frame.items, this.options.concurrency ?? 2, (item) =>
      runImageCheck(client, item),
    );
    this.options.log.info(
      { requestId: frame.requestId, images: frame.items.length },
      'image update checks done',
    );
    this.options.send({ type: 'image_check_result', requestId: frame.requestId, results });
  }
}
