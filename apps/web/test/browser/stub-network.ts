import type { Action, AlertCountsByHost } from '@berth/api-contract';
import type { Page } from 'playwright-core';

/**
 * The harness has no API behind it: the live stream answers as an open, silent event stream
 * (so EventSource neither errors nor retries), and tests route the calls they exercise.
 */
export async function routeSilentStream(page: Page): Promise<void> {
  await page.route('**/api/v1/stream', (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: ': open\n\n' }),
  );
}

/** The live stream answers once with these events (then asks EventSource not to come back soon). */
export async function routeStreamEvents(
  page: Page,
  events: { type: string; data: unknown }[],
): Promise<void> {
  const body = events.map(
    (event, i) => `id: ${i + 1}-0\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`,
  );
  await page.route('**/api/v1/stream', (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: `retry: 600000\n\n${body.join('')}`,
    }),
  );
}

/**
 * The alert badges' tallies (GET /api/v1/alerts/counts/by-host): `answer` changes what the
 * next calls get; `calls` counts them.
 */
export async function routeAlertCountsByHost(
  page: Page,
  first: AlertCountsByHost,
): Promise<{ answer: (next: AlertCountsByHost) => void; calls: () => number }> {
  let current = first;
  let calls = 0;
  await page.route('**/api/v1/alerts/counts/by-host*', (route) => {
    calls += 1;
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(current) });
  });
  return {
    answer: (next) => {
      current = next;
    },
    calls: () => calls,
  };
}

/**
 * Like routeStreamEvents, but the stream answers only once `release` is called: the test can
 * first see the page settle, then deliver its events.
 */
export async function routeHeldStreamEvents(
  page: Page,
  events: { type: string; data: unknown }[],
): Promise<() => void> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const body = events.map(
    (event, i) => `id: ${i + 1}-0\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`,
  );
  await page.route('**/api/v1/stream', async (route) => {
    await released;
    // A stream the page closed meanwhile (React's development double mount) has nobody to answer.
    await route
      .fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: `retry: 600000\n\n${body.join('')}`,
      })
      .catch(() => undefined);
  });
  return release;
}

/** An action as the API answers it (the contract's full shape: the console parses with it). */
export function actionAnswer(fields: Partial<Action> & Pick<Action, 'id' | 'verb' | 'status'>): Action {
  return {
    hostId: '00000000-0000-4000-8000-000000000001',
    containerId: null,
    params: {},
    output: null,
    requestedBy: null,
    requestedByToken: null,
    deadline: '2026-11-23T12:01:00.000Z',
    createdAt: '2026-11-23T12:00:00.000Z',
    sentAt: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    ...fields,
  };
}
