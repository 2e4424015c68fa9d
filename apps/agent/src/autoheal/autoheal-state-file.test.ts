import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../cli/logger.js';
import {
  AUTOHEAL_STATE_MAX_AGE_MS,
  AUTOHEAL_STATE_MAX_ENTRIES,
  type AutohealStateEntry,
  AutohealStateFile,
} from './autoheal-state-file.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function statePath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-autoheal-state-'));
  dirs.push(dir);
  return join(dir, 'autoheal.json');
}

const NOW = Date.parse('2026-12-10T14:00:00Z');
function entry(updatedAtMs: number, attempts: number[] = [updatedAtMs]): AutohealStateEntry {
  return {
    containerId: 'a'.repeat(64),
    startedAt: '2026-12-10T13:00:00Z',
    attempts,
    gaveUp: false,
    updatedAtMs,
  };
}

describe('AutohealStateFile', () => {
  it('reads back what it wrote, leaving no temporary file', async () => {
    const path = await statePath();
    const file = new AutohealStateFile(path, silentLogger(), () => NOW);
    const saved = new Map([
      [
        'web',
        {
          ...entry(NOW),
          pending: { failedAtMs: NOW - 500, reason: 'exited with code 1', kind: 'exit' as const },
        },
      ],
    ]);
    await file.save(saved);
    expect(await file.load()).toEqual(saved);
    expect(await readdir(join(path, '..'))).toEqual(['autoheal.json']);
  });

  it('expires entries and attempts older than the longest window, and caps the number of entries', async () => {
    const path = await statePath();
    const file = new AutohealStateFile(path, silentLogger(), () => NOW);
    const old = NOW - AUTOHEAL_STATE_MAX_AGE_MS - 1;
    const entries = new Map<string, AutohealStateEntry>([
      ['stale', entry(old)],
      ['mixed', entry(NOW, [old, NOW - 1000])],
    ]);
    for (let i = 0; i < AUTOHEAL_STATE_MAX_ENTRIES; i += 1) entries.set(`c${i}`, entry(NOW - 10_000 - i));
    await file.save(entries);
    const loaded = await file.load();
    expect(loaded.size).toBe(AUTOHEAL_STATE_MAX_ENTRIES);
    expect(loaded.has('stale')).toBe(false);
    expect(loaded.get('mixed')?.attempts).toEqual([NOW - 1000]);
    // The least recently changed went first.
    expect(loaded.has(`c${AUTOHEAL_STATE_MAX_ENTRIES - 1}`)).toBe(false);
    expect(loaded.has('c0')).toBe(true);
  });

  it('starts fresh from a missing, damaged or invalid file', async () => {
    const path = await statePath();
    const file = new AutohealStateFile(path, silentLogger(), () => NOW);
    expect((await file.load()).size).toBe(0);
    await writeFile(path, '{"version":1,"contain');
    expect((await file.load()).size).toBe(0);
    await writeFile(
      path,
      JSON.stringify({ version: 1, containers: { web: { ...entry(NOW), containerId: 'x' } } }),
    );
    expect((await file.load()).size).toBe(0);
    await file.save(new Map([['web', entry(NOW)]]));
    expect(JSON.parse(await readFile(path, 'utf8')).containers.web.containerId).toBe('a'.repeat(64));
  });
});
