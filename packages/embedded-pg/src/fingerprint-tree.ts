import { createHash } from 'node:crypto';
import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * A checksum of a directory tree's shape: every entry's path, type, size and permission bits,
 * and each symbolic link's target. A copy with the same fingerprint is complete and unaltered
 * in all that (contents are hard links or byte copies of the same release).
 */
export async function fingerprintTree(root: string): Promise<string> {
  const lines: string[] = [];
  await walk(root, '', lines);
  lines.sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

async function walk(root: string, relative: string, lines: string[]): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  for (const entry of entries) {
    const rel = path.join(relative, entry.name);
    const full = path.join(root, rel);
    if (entry.isSymbolicLink()) lines.push(`l ${rel} -> ${await readlink(full)}`);
    else if (entry.isDirectory()) {
      lines.push(`d ${rel}`);
      await walk(root, rel, lines);
    } else {
      const stats = await lstat(full);
      lines.push(`f ${rel} ${stats.size} ${(stats.mode & 0o777).toString(8)}`);
    }
  }
}
