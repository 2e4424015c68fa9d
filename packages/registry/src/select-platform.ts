import * as z from 'zod/mini';

export type Platform = { os: string; architecture: string; variant?: string };

export const ZImageIndexSchema = z.object({
  mediaType: z.optional(z.string()),
  manifests: z.array(
    z.object({
      digest: z.string(),
      mediaType: z.optional(z.string()),
      platform: z.optional(
        z.object({ os: z.string(), architecture: z.string(), variant: z.optional(z.string()) }),
      ),
    }),
  ),
});

export type ImageIndex = z.infer<typeof ZImageIndexSchema>;

const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', armhf: 'arm' };
// The variant an architecture means when none is written (containerd's platform normalisation).
const DEFAULT_VARIANT: Record<string, string> = { arm64: 'v8', arm: 'v7' };

function normalise(platform: Platform): { os: string; architecture: string; variant: string } {
  const architecture = ARCH_ALIASES[platform.architecture] ?? platform.architecture;
  return {
    os: platform.os.toLowerCase(),
    architecture,
    variant: platform.variant ?? DEFAULT_VARIANT[architecture] ?? '',
  };
}

/**
 * The digest of the index entry for a platform; entries without a platform or for
 * `unknown/unknown` (build attestations) never match.
 */
export function selectPlatformDigest(index: ImageIndex, platform: Platform): string | undefined {
  const wanted = normalise(platform);
  const match = index.manifests.find((entry) => {
    if (!entry.platform) return false;
    const candidate = normalise(entry.platform);
    return (
      candidate.os === wanted.os &&
      candidate.architecture === wanted.architecture &&
      candidate.variant === wanted.variant
    );
  });
  return match?.digest;
}
