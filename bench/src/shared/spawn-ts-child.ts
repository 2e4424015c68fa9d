import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnTracked } from './track-children.js';

/** Runs one of the bench's TypeScript entry points in its own node process (through tsx). */
export function spawnTsChild(entry: URL, args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawnTracked(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), fileURLToPath(entry), ...args],
    options,
  );
}
