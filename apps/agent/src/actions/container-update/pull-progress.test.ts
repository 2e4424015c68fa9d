import { describe, expect, it } from 'vitest';
import { PullProgress } from './pull-progress.js';

const line = (value: object) => JSON.stringify(value);

describe('PullProgress', () => {
  it('weighs layers equally: download is 80 %, extraction the rest, present layers count as done', () => {
    const progress = new PullProgress();
    expect(progress.read(line({ status: 'Pulling from team/app', id: '1.2.4' }))).toBeNull();
    expect(progress.read(line({ status: 'Already exists', id: 'aaa' }))).toBe(100);
    expect(progress.read(line({ status: 'Pulling fs layer', id: 'bbb' }))).toBe(50);
    const half = { status: 'Downloading', id: 'bbb', progressDetail: { current: 50, total: 100 } };
    expect(progress.read(line(half))).toBe(70);
    expect(progress.read(line({ status: 'Download complete', id: 'bbb' }))).toBe(90);
    const extracting = { status: 'Extracting', id: 'bbb', progressDetail: { current: 1, total: 2 } };
    expect(progress.read(line(extracting))).toBe(95);
    expect(progress.read(line({ status: 'Pull complete', id: 'bbb' }))).toBe(100);
    expect(progress.read(line({ status: 'Digest: sha256:abc' }))).toBe(100);
  });

  it('never goes backwards for a layer and ignores lines it cannot read', () => {
    const progress = new PullProgress();
    progress.read(line({ status: 'Download complete', id: 'a' }));
    const late = { status: 'Downloading', id: 'a', progressDetail: { current: 1, total: 100 } };
    expect(progress.read(line(late))).toBe(80);
    expect(progress.read('<html>')).toBe(80);
    expect(progress.read(line({ status: 'Downloading', id: 'b', progressDetail: {} }))).toBe(40);
  });
});
