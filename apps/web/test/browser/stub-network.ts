import type { Action } from '@berth/api-contract';
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
