import { createHash } from 'node:crypto';

/** An image platform as an index entry names it. */
export type Platform = { os: string; architecture: string; variant?: string };

export type Descriptor = { mediaType: string; digest: string; size: number };

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response;
}

/** A monolithic blob upload: POST for a session, PUT the bytes with their digest. */
async function uploadBlob(base: string, repository: string, bytes: Uint8Array): Promise<string> {
  const digest = sha256(bytes);
  const started = await expectStatus(
    await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST' }),
    202,
    'start upload',
  );
  const location = new URL(started.headers.get('location') ?? '', base);
  location.searchParams.set('digest', digest);
  await expectStatus(
    await fetch(location, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    }),
    201,
    'upload blob',
  );
  return digest;
}

export async function putManifest(
  base: string,
  repository: string,
  reference: string,
  mediaType: string,
  manifest: unknown,
): Promise<Descriptor> {
  const bytes = new TextEncoder().encode(JSON.stringify(manifest));
  const response = await expectStatus(
    await fetch(`${base}/v2/${repository}/manifests/${reference}`, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': mediaType },
    }),
    201,
    `put manifest ${reference}`,
  );
  const digest = response.headers.get('docker-content-digest') ?? '';
  if (digest !== sha256(bytes)) throw new Error(`registry digest ${digest} is not the manifest's`);
  return { mediaType, digest, size: bytes.length };
}

/** A single-platform OCI image (config + one layer blob), pushed by digest (and under `tag`). */
export async function pushPlatformImage(
  base: string,
  repository: string,
  platform: Platform,
  content: string,
  tag?: string,
): Promise<Descriptor> {
  const layer = new TextEncoder().encode(content);
  const layerDigest = await uploadBlob(base, repository, layer);
  const config = new TextEncoder().encode(
    JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [layerDigest] }, config: {} }),
  );
  const configDigest = await uploadBlob(base, repository, config);
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: configDigest,
      size: config.length,
    },
    layers: [
      { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layer.length },
    ],
  };
  const reference = tag ?? sha256(new TextEncoder().encode(JSON.stringify(manifest)));
  return putManifest(base, repository, reference, manifest.mediaType, manifest);
}

/** An OCI index over the given platform images, under `tag`. */
export async function pushIndex(
  base: string,
  repository: string,
  tag: string,
  children: { descriptor: Descriptor; platform: Platform }[],
): Promise<Descriptor> {
  const mediaType = 'application/vnd.oci.image.index.v1+json';
  const index = {
    schemaVersion: 2,
    mediaType,
    manifests: children.map(({ descriptor, platform }) => ({ ...descriptor, platform })),
  };
  return putManifest(base, repository, tag, mediaType, index);
}
