import type { RuleHistory } from '@berth/api-contract';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { firingsPerHour, RuleHistorySummary } from './rule-history-summary';

const H = '11111111-1111-4111-8111-111111111111';
const from = Date.parse('2026-12-06T00:00:00.000Z');
const at = (hours: number) => new Date(from + hours * 3_600_000).toISOString();

const history: RuleHistory = {
  from: at(0),
  to: at(24),
  supported: true,
  source: 'raw_samples',
  firings: 3,
  objects: { total: 60, replayed: 50, firing: 2 },
  items: [
    {
      hostId: H,
      hostName: 'h1',
      containerId: 'abc123abc123',
      containerName: 'web-1',
      mount: null,
      firings: 2,
      firstAt: at(1.5),
      lastAt: at(23.9),
      times: [
        { firedAt: at(1.5), resolvedAt: at(1.6) },
        { firedAt: at(23.9), resolvedAt: null },
      ],
    },
    {
      hostId: H,
      hostName: 'h1',
      containerId: 'def456def456',
      containerName: 'web-2',
      mount: null,
      checkName: 'api',
      firings: 1,
      firstAt: at(1.2),
      lastAt: at(1.2),
      times: [{ firedAt: at(1.2), resolvedAt: at(1.3) }],
    },
  ],
  notes: ['Replayed the first 50 of 60 objects in scope.'],
  truncated: true,
};

describe('RuleHistorySummary', () => {
  it('says how often the rule would have fired, on what, with an hour-by-hour bar and the bounds it hit', () => {
    document.body.innerHTML = renderToStaticMarkup(<RuleHistorySummary history={history} />);
    expect(document.querySelector('[data-testid="history-summary"]')?.textContent).toBe(
      'Would have fired 3 times in the last 24 h on 2 of 50 replayed:',
    );
    expect([...document.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'web-1 on h1 2×',
      'check api of web-2 on h1 1×',
    ]);
    const chart = document.querySelector('svg[role="img"]');
    expect(chart?.getAttribute('aria-label')).toContain('Firings per hour over the last 24 h: 0, 2,');
    expect(chart?.querySelectorAll('rect')).toHaveLength(2);
    expect(document.body.textContent).toContain('Replayed the first 50 of 60 objects in scope.');
  });

  it('bins firings by the hour they began, the last hour included', () => {
    expect(firingsPerHour(history)).toEqual([0, 2, ...new Array(21).fill(0), 1]);
  });

  it('says so when the rule would not have fired, and when the kind cannot be replayed', () => {
    document.body.innerHTML = renderToStaticMarkup(
      <RuleHistorySummary history={{ ...history, firings: 0, items: [], notes: [], truncated: false }} />,
    );
    expect(document.body.textContent).toBe('Would not have fired in the last 24 h (50 replayed).');
    expect(document.querySelector('svg')).toBeNull();
    document.body.innerHTML = renderToStaticMarkup(
      <RuleHistorySummary
        history={{
          ...history,
          supported: false,
          source: null,
          firings: 0,
          items: [],
          notes: ['No history.'],
        }}
      />,
    );
    expect(document.body.textContent).toBe('No history.');
  });
});
