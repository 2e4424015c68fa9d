import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** The Docker CLI with its own config dir, so `docker login` never touches the machine's. */
export async function dockerWithConfig(configDir: string, args: string[], input?: string): Promise<string> {
  if (input === undefined) {
    const { stdout } = await exec('docker', ['--config', configDir, ...args], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.trim();
  }
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['--config', configDir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`docker ${args[0]}: ${out}`)),
    );
    child.stdin.end(input);
  });
}

/**
 * A one-file image made with `docker import` (no pull, no network): each call has different
 * content, so pushing it under a tag gives that tag a new digest. Returns the image id.
 */
export async function importTinyImage(
  configDir: string,
  reference: string,
  content: string,
): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'berth-registry-rootfs-'));
  try {
    await writeFile(path.join(root, 'content'), content);
    const { stdout: tar } = await exec('tar', ['-C', root, '-c', '.'], { encoding: 'buffer' });
    return await new Promise<string>((resolve, reject) => {
      const child = spawn('docker', ['--config', configDir, 'import', '-', reference], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (out += chunk));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(out.trim()) : reject(new Error(`docker import: ${out}`)),
      );
      child.stdin.end(tar);
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The image's RepoDigests as Docker records them after a push. */
export async function repoDigests(configDir: string, image: string): Promise<string[]> {
  const json = await dockerWithConfig(configDir, [
    'image',
    'inspect',
    '--format',
    '{{json .RepoDigests}}',
    image,
  ]);
  return JSON.parse(json) as string[];
}
