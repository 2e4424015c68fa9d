import { MANIFEST_ACCEPT } from './manifest-media-types.js';
import type { RateLimit } from './rate-limit.js';
import { parseRateLimit } from './rate-limit.js';
import type { RegistryClient, RepositoryTarget } from './registry-client.js';
import { RegistryError } from './registry-error.js';

export type ManifestHead = {
  digest: string;
  mediaType: string | undefined;
  rateLimit: RateLimit | undefined;
};

const DIGEST = /^sha256:[a-f0-9]{64}$/;

// A tag or a digest; both are path-safe as written, and registries expect the digest's colon raw.
const MANIFEST_REFERENCE = /^(?:[\w][\w.-]{0,127}|[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,})$/;

function manifestPath(target: RepositoryTarget, reference: string): string {
  if (!MANIFEST_REFERENCE.test(reference))
    throw new RegistryError('invalid_reference', `invalid tag or digest "${reference}"`, {
      registry: target.registry,
    });
  return `/v2/${target.repository}/manifests/${reference}`;
}

/**
 * The digest a tag points at, from a HEAD: no manifest body, no blob, and on Docker Hub a HEAD
 * does not count against the pull quota. Only a registry that leaves out `Docker-Content-Digest`
 * costs a GET of the manifest (hashed here; still no blob).
 */
export async function headManifest(
  client: RegistryClient,
  target: RepositoryTarget,
  reference: string,
): Promise<ManifestHead> {
  const response = await client.request(target, {
    method: 'HEAD',
    path: manifestPath(target, reference),
    accept: MANIFEST_ACCEPT,
  });
  const digest = response.headers.get('docker-content-digest');
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim();
  if (digest && DIGEST.test(digest))
    return { digest, mediaType, rateLimit: parseRateLimit(response.headers) };
  const fetched = await getManifest(client, target, reference);
  return { digest: fetched.digest, mediaType: fetched.mediaType, rateLimit: fetched.rateLimit };
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `sha256:${Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export type FetchedManifest = ManifestHead & { body: unknown };

/**
 * A manifest body (by tag or digest). Fetched by digest, the body is checked against that digest
 * before it is trusted.
 */
export async function getManifest(
  client: RegistryClient,
  target: RepositoryTarget,
  reference: string,
): Promise<FetchedManifest> {
  const response = await client.request(target, {
    method: 'GET',
    path: manifestPath(target, reference),
    accept: MANIFEST_ACCEPT,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const digest = await sha256(bytes);
  if (DIGEST.test(reference) && digest !== reference)
    throw new RegistryError(
      'bad_response',
      `${target.registry} returned a manifest for ${target.repository}@${reference} whose digest is ${digest}`,
      { registry: target.registry },
    );
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new RegistryError('bad_response', `${target.registry} returned a manifest that is not JSON`, {
      registry: target.registry,
    });
  }
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim();
  return { digest, body, mediaType, rateLimit: parseRateLimit(response.headers) };
}
