import { describe, expect, it } from 'vitest';
import { checksConfigState } from './checks-config-state';

describe('checksConfigState', () => {
  it('says none was defined at version 0', () => {
    expect(checksConfigState({ configVersion: 0, configAckedVersion: 0, configAckedAt: null })).toEqual({
      kind: 'none',
    });
  });
  it('is applied once the agent acked the pushed version, with when', () => {
    const at = '2026-12-07T08:00:00.000Z';
    expect(checksConfigState({ configVersion: 3, configAckedVersion: 3, configAckedAt: at })).toEqual({
      kind: 'applied',
      version: 3,
      ackedAt: at,
    });
  });
  it('waits for the agent while its acked version is behind, naming the one it runs', () => {
    expect(
      checksConfigState({
        configVersion: 4,
        configAckedVersion: 3,
        configAckedAt: '2026-12-07T08:00:00.000Z',
      }),
    ).toEqual({ kind: 'waiting', version: 4, ackedVersion: 3 });
  });
});
