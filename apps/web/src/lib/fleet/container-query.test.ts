import { describe, expect, it } from 'vitest';
import { containerQueryFromSearch, containerQueryToSearch } from './container-query';

const HOST = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('container query in the URL', () => {
  it('reads filters and sort from search params and drops unknown values', () => {
    const query = containerQueryFromSearch({
      q: 'web',
      host: HOST,
      state: 'running,bogus',
      health: ['unhealthy'],
      label: ['app=api', ' '],
      sort: 'cpu',
      order: 'sideways',
    });
    expect(query).toEqual({
      q: 'web',
      image: undefined,
      hostId: HOST,
      label: ['app=api'],
      group: [],
      state: ['running'],
      health: ['unhealthy'],
      sort: 'cpu',
      order: undefined,
    });
    expect(containerQueryFromSearch({ host: 'not-a-uuid' }).hostId).toBeUndefined();
  });

  it('writes the URL it reads back', () => {
    const query = containerQueryFromSearch({
      q: 'a b',
      image: 'nginx',
      state: 'exited',
      sort: 'restarts',
      order: 'asc',
    });
    expect(containerQueryToSearch(query)).toBe('?q=a+b&image=nginx&state=exited&sort=restarts&order=asc');
    expect(
      containerQueryFromSearch(Object.fromEntries(new URLSearchParams(containerQueryToSearch(query)))),
    ).toEqual(query);
    expect(containerQueryToSearch({})).toBe('');
  });

  it('reads repeated or comma-separated group ids, dropping what is not a UUID, and writes them repeated', () => {
    const other = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const query = containerQueryFromSearch({ group: [`${HOST},nope`, other] });
    expect(query.group).toEqual([HOST, other]);
    expect(containerQueryToSearch(query)).toBe(`?group=${HOST}&group=${other}`);
  });
});
