import { ensureBusyboxImage } from './busybox-image.js';
import { docker } from './docker-cli.js';

/**
 * A runnable busybox image tagged `reference` whose file `/version` holds `content` (so each call
 * makes a new digest) and whose default command is `cmd`: made with `docker commit`, no pull.
 * Returns the image id.
 */
export async function commitBusyboxVariant(
  reference: string,
  content: string,
  cmd: string[],
): Promise<string> {
  const base = await ensureBusyboxImage();
  const builder = await docker(
    'create',
    '--network',
    'none',
    base,
    'sh',
    '-c',
    `echo '${content}' > /version`,
  );
  try {
    await docker('start', '-a', builder);
    return await docker('commit', '--change', `CMD ${JSON.stringify(cmd)}`, builder, reference);
  } finally {
    await docker('rm', '-f', builder);
  }
}
