import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { AGENT_EXECUTABLE } from './repo-paths.js';

const run = promisify(execFile);

/** The shared libraries (and loader) `file` loads, as absolute paths (ldd). */
async function librariesOf(file: string): Promise<string[]> {
  const { stdout } = await run('ldd', [file]);
  return [...stdout.matchAll(/(\/\S+)/g)].map((match) => match[1] ?? '').filter(Boolean);
}

/**
 * An image of a host with no Node.js: Debian's static busybox with every applet (the shell and
 * tools install.sh uses), curl (the one-line install command) and the glibc files the agent
 * executable loads — nothing else. Imported offline with `docker import` as `tag`.
 */
export async function buildNoNodeImage(tag: string): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'berth-no-node-'));
  try {
    await chmod(root, 0o755);
    for (const dir of ['bin', 'etc', 'tmp', 'root']) await mkdir(join(root, dir), { recursive: true });
    await chmod(join(root, 'tmp'), 0o1777);
    await copyFile('/bin/busybox', join(root, 'bin/busybox'));
    await chmod(join(root, 'bin/busybox'), 0o755);
    const { stdout } = await run('/bin/busybox', ['--list']);
    for (const applet of stdout.split('\n').filter((name) => name && name !== 'busybox')) {
      await symlink('busybox', join(root, 'bin', applet));
    }
    await copyFile('/usr/bin/curl', join(root, 'bin/curl'));
    await chmod(join(root, 'bin/curl'), 0o755);
    const libraries = new Set([
      ...(await librariesOf('/usr/bin/curl')),
      ...(await librariesOf(AGENT_EXECUTABLE)),
    ]);
    for (const library of libraries) {
      await mkdir(join(root, dirname(library)), { recursive: true });
      await copyFile(library, join(root, library));
    }
    await writeFile(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    await writeFile(join(root, 'etc/group'), 'root:x:0:\n');
    await run('sh', [
      '-c',
      `tar -C '${root}' --numeric-owner -cf - . | docker import --change 'ENV PATH=/bin' --change 'CMD ["sh"]' - '${tag}'`,
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
