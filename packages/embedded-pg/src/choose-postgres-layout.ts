import { createHash } from 'node:crypto';
import path from 'node:path';

/** Where Berth keeps PostgreSQL when the checkout is out of the `postgres` user's reach. */
export const DEFAULT_STATE_ROOT = '/var/lib/berth';

export type LayoutInput = {
  runningAsRoot: boolean;
  /** Where the caller wants the data (absolute), e.g. `<checkout>/.berth/postgres`. */
  preferredDataDir: string;
  /** Where relocated data and binaries go (DEFAULT_STATE_ROOT outside tests). */
  stateRoot: string;
  /** The fingerprint (fingerprintTree) is needed only when the binaries move. */
  binaries: { dir: string; version: string; fingerprint: string | null };
  /** As root: can the `postgres` user reach the preferred data dir's parent, and run the binaries where they are? */
  reachable: { dataParent: boolean; binaries: boolean };
};

export type PostgresLayout = {
  dataDir: string;
  /** Set when the data is not where the caller wanted it: why, for the start-up log. */
  dataMovedBecause: string | null;
  /** The `native` directory the binaries run from. */
  binariesDir: string;
  /** Set when the binaries must first be placed at `binariesDir` (from `binaries.dir`). */
  placeBinaries: boolean;
};

/**
 * Decides where PostgreSQL keeps its data and runs from. As root it runs as the `postgres`
 * user, which cannot get into a checkout under a private directory (root's home, `mktemp -d`):
 * then the data goes to `<stateRoot>/<hash of the preferred path>/postgres` — the same place on
 * every start of that checkout — and the binaries run from a copy under `<stateRoot>`, named by
 * their version and fingerprint so every checkout of that release shares it. Anyone else keeps
 * everything where the caller said.
 */
export function choosePostgresLayout(input: LayoutInput): PostgresLayout {
  const { runningAsRoot, preferredDataDir, stateRoot, binaries, reachable } = input;
  const movesData = runningAsRoot && !reachable.dataParent;
  const movesBinaries = runningAsRoot && !reachable.binaries;
  if (movesBinaries && !binaries.fingerprint) throw new Error('moving the binaries needs their fingerprint');
  return {
    dataDir: movesData ? path.join(stateRoot, checkoutKey(preferredDataDir), 'postgres') : preferredDataDir,
    dataMovedBecause: movesData
      ? `user postgres cannot reach ${path.dirname(preferredDataDir)} (a parent directory is private)`
      : null,
    binariesDir: movesBinaries
      ? path.join(stateRoot, `postgresql-${binaries.version}-${binaries.fingerprint?.slice(0, 12)}`)
      : binaries.dir,
    placeBinaries: movesBinaries,
  };
}

/** A stable, short name for one preferred data directory. */
export function checkoutKey(preferredDataDir: string): string {
  return createHash('sha256').update(path.resolve(preferredDataDir)).digest('hex').slice(0, 16);
}
