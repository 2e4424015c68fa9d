import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fingerprintTree } from './fingerprint-tree.js';

type Options = {
  sourceDir: string;
  targetDir: string;
  /** The source's fingerprintTree: the target must match it. */
  fingerprint: string;
};

/**
 * Puts a copy of the binaries at `targetDir` once: hard links where the file system allows
 * (no extra space, same bytes by construction), byte copies elsewhere. The copy is built
 * beside the target and renamed into place, so a target that exists is complete; one whose
 * fingerprint does not match is replaced. Returns whether it placed a new copy.
 */
export async function placeNativeBinaries({ sourceDir, targetDir, fingerprint }: Options): Promise<boolean> {
  if (await matches(targetDir, fingerprint)) return false;
  await mkdir(path.dirname(targetDir), { recursive: true, mode: 0o755 });
  const building = `${targetDir}.building-${randomBytes(4).toString('hex')}`;
  try {
    await copyTree(sourceDir, building);
    const built = await fingerprintTree(building);
    if (built !== fingerprint) throw new Error(`the copy of ${sourceDir} in ${building} does not match it`);
    await rm(targetDir, { recursive: true, force: true });
    await rename(building, targetDir).catch(async (error: unknown) => {
      // Another start placed the same copy meanwhile: keep theirs if it is whole.
      if (!(await matches(targetDir, fingerprint))) throw error;
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return true;
}

async function matches(dir: string, fingerprint: string): Promise<boolean> {
  return fingerprintTree(dir).then(
    (found) => found === fingerprint,
    () => false,
  );
}

async function copyTree(from: string, to: string): Promise<void> {
  // 0755: user postgres must get through every directory of the copy.
  await mkdir(to, { mode: 0o755 });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
    else if (entry.isDirectory()) await copyTree(source, target);
    else await link(source, target).catch(() => copyFile(source, target));
  }
}
