import type { ActionProgressFrame } from '@berth/protocol';
import { describe, expect, it } from 'vitest';
import { progressReporter } from './report-progress.js';

describe('progressReporter', () => {
  it('throttles percents within a stage, but always sends a new stage and the stage reaching 100 %', () => {
    const sent: ActionProgressFrame[] = [];
    let now = 1_000;
    const report = progressReporter(
      'a1',
      (frame) => sent.push(frame),
      () => now,
    );
    report('pulling', 0, 'busybox:1');
    now += 10;
    report('pulling', 40); // within 250 ms of the last: dropped
    now += 10;
    report('pulling', 100); // the pull finished quicker than the interval: sent
    now += 10;
    report('pulling', 100); // no movement: dropped
    report('stopping'); // a new stage: sent at once
    now += 300;
    report('stopping');
    expect(sent.map((frame) => [frame.stage, frame.percent])).toEqual([
      ['pulling', 0],
      ['pulling', 100],
      ['stopping', null],
    ]);
  });
});
