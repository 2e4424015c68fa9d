import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../cli/logger.js';
import { CollectorStateFile } from './collector-state.js';

const logger = silentLogger();
const ID = 'a'.repeat(64);

describe('collector state file', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'berth-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips log positions and the events cursor', async () => {
    const file = new CollectorStateFile(path.join(dir, 'sub', 'collectors.json'), logger);
    const state = { logPositions: { [ID]: '1795425943710806821' }, eventsCursor: { timeNs: '1', key: 'k' } };
    await file.save(state);
    expect(await file.load()).toEqual(state);
  });

  it('starts fresh from a missing or corrupt file', async () => {
    const filePath = path.join(dir, 'collectors.json');
    expect(await new CollectorStateFile(filePath, logger).load()).toEqual({ logPositions: {} });
    await writeFile(filePath, '{"version":1,"logPositions":{"bad id":"x"}');
    expect(await new CollectorStateFile(filePath, logger).load()).toEqual({ logPositions: {} });
  });

  it('writes in order, so the last save wins', async () => {
    const filePath = path.join(dir, 'collectors.json');
    const file = new CollectorStateFile(filePath, logger);
    const saves = ['1', '2', '3'].map((ns) => file.save({ logPositions: { [ID]: ns } }));
    await Promise.all(saves);
    expect(JSON.parse(await readFile(filePath, 'utf8')).logPositions[ID]).toBe('3');
  });
});
