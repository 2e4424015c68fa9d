import { fileURLToPath } from 'node:url';

/** An absolute path inside the repository (this file is bench/src/shared/repo-path.ts). */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../../../${relative}`, import.meta.url));
}
