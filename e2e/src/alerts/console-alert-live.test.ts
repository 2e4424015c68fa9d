import { hostname } from 'node:os';
import type { Receiver } from '@berth/notify/testing';
import { docker } from '@berth/test-docker';
import type pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consolePrerequisites } from '../console/console-prerequisites.js';
import type { ConsoleStack } from '../console/console-stack.js';
import { type LiveConsole, startLiveConsole } from '../console/live-console.js';
import { deliveryRoundsAfter } from '../support/start-alerter.js';

// Issue 15's "done when", as a newcomer does it, with every part real: the console stack
// (gateway, API, `next start`), the agent installed by the console's own install command, the
// alerter as its own process on Redis, dockerd and a loopback receiver standing in for Slack.
// From the console: a Slack channel and a "container died" rule; a container is killed outside
// Berth; Slack gets exactly one message, the alerts page shows the alert without a reload, and
// one click silences it. A restart through Berth afterwards fires nothing.

const prerequisites = await consolePrerequisites();
const skipped = prerequisites.ok ? '' : ` (skipped: ${prerequisites.reason})`;
if (!prerequisites.ok) console.warn(`console alert e2e skipped: ${prerequisites.reason}`);

const NEWCOMER = { name: 'Nora Newcomer', email: 'nora@acme.test', password: 'correct horse battery staple' };
const ORG = 'Acme Ops';
const SLACK_PATH = '/services/T0000/B0000/e2e-newcomer-hook';
const RULE = 'ticker died';
/** Applied by the rule form when its advanced timing is left alone (the contract's defaults). */
const REPEAT_INTERVAL_S = 14_400;

type EventRow = { kind: string; at: Date; details: Record<string, unknown> | null };

describe.skipIf(!prerequisites.ok)(`a container-died alert from the console to Slack${skipped}`, () => {
  let live: LiveConsole;
  let stack: ConsoleStack;
  let owner: pg.Client;
  let receiver: Receiver;
  let heartbeat = '';
  let page: Page;
  let pageErrors: string[] = [];
  let summary = '';
  let alertId = '';

  /** Events of the rule's alerts, oldest first, read as the database owner. */
  const ruleEvents = async (): Promise<EventRow[]> => {
    const { rows } = await owner.query<EventRow>(
      `SELECT e.kind, e.at, e.details FROM alert_events e
         JOIN alerts a ON a.id = e.alert_id JOIN alert_rules r ON r.id = a.rule_id
        WHERE r.name = $1 ORDER BY e.id`,
      [RULE],
    );
    return rows;
  };
  const kinds = async () => (await ruleEvents()).map((event) => event.kind);
  /** Everything the alerter queued to send for this organisation, whatever its state. */
  const outbox = async () => {
    const { rows } = await owner.query<{ state: string }>(
      `SELECT n.state::text AS state FROM notifications n JOIN organizations o ON o.id = n.org_id
        WHERE o.name = $1 ORDER BY n.created_at`,
      [ORG],
    );
    return rows.map((row) => row.state);
  };

  beforeAll(async () => {
    live = await startLiveConsole('console-alert-live');
    ({ stack, owner, receiver, heartbeat } = live);
  }, 90_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await live.markFailed(page);
  });

  afterAll(async () => {
    await live?.stop();
  });

  it('a newcomer signs up and connects this host with the install command the console offers', async () => {
    ({ page, pageErrors } = await live.signUpAndConnect({ ...NEWCOMER, orgName: ORG }));
  });

  it('adds a Slack channel and a "container died" rule sending to it, both from the console', async () => {
    await live.addSlackChannel(page, 'team slack', SLACK_PATH);

    await page.goto('/alerts/rules/new');
    const form = page.getByRole('form', { name: 'New rule' });
    await form.getByLabel('Rule name').fill(RULE);
    await form.getByLabel('Kind').selectOption({ label: 'Container state' });
    await form.getByLabel('When the container').selectOption('died');
    await form.getByLabel('Container name').fill(stack.container.name);
    await form.getByLabel('Severity').selectOption('critical');
    await form.getByLabel('team slack').check();
    // The preview asks the API what the rule would watch now: the agent's one matching container.
    await expect
      .poll(
        () =>
          page
            .getByTestId('preview-summary')
            .textContent()
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toMatch(/1 container\b/);
    await form.getByRole('button', { name: 'Create rule' }).click();
    await page.waitForURL('**/alerts/rules');
    const ruleRow = page
      .getByRole('table', { name: 'Alert rules' })
      .getByRole('row')
      .filter({ hasText: RULE });
    await ruleRow.waitFor();
    expect(await ruleRow.textContent()).toContain(`containers ${stack.container.name}`);
    // Nothing was sent yet: no test message, no alert.
    expect(receiver.requests).toHaveLength(0);
  });

  it('a container killed outside Berth: Slack gets one message, the open alerts page shows it live', async () => {
    await page.goto('/alerts');
    await page.getByText('Nothing firing').waitFor();
    // A reload would lose this mark: the alert must arrive through the live stream.
    await page.evaluate('window.__sameDocument = true');

    const killedAt = Date.now();
    await docker('kill', stack.container.id);
    summary = `${stack.container.name} on ${hostname()} exited with code 137 (killed)`;
    const alertRow = page
      .getByRole('table', { name: 'Alerts' })
      .getByRole('row')
      .filter({ hasText: summary });
    await alertRow.waitFor({ timeout: 30_000 });
    const shownAfterMs = Date.now() - killedAt;
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    await page.getByTestId('alerts-bell').filter({ hasText: '1' }).waitFor();
    expect(await alertRow.textContent()).toContain(RULE);
    await live.saveScreenshot(page, 'alert-live');

    // The rule's group wait (the form's 10 s) holds the first message back, then one round sends it.
    await expect.poll(() => receiver.requests.length, { timeout: 60_000, interval: 100 }).toBe(1);
    const receivedAfterMs = Date.now() - killedAt;
    console.info(
      `[console-alert-live] alert on the page ${shownAfterMs} ms, in Slack ${receivedAfterMs} ms after the kill`,
    );
    const message = receiver.last();
    // What Slack's incoming webhooks take: a JSON POST to the hook's own path, `text` (the
    // notification and screen-reader line), and Block Kit blocks (here inside a colour attachment).
    expect(message.method).toBe('POST');
    expect(message.path).toBe(SLACK_PATH);
    expect(message.headers['content-type']).toMatch(/^application\/json\b/);
    const link = `${stack.webUrl}/alerts/`;
    expect(message.json()).toEqual({
      text: `[FIRING:1] ${RULE} — ${ORG}`,
      attachments: [
        {
          color: '#c62828',
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: `[FIRING:1] ${RULE} — ${ORG}` } },
            {
              type: 'section',
              text: {
                type: 'mrkdwn',
                text: expect.stringMatching(new RegExp(`^<${link}[0-9a-f-]{36}\\|critical · `)),
              },
            },
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  text: { type: 'plain_text', text: 'Open in Berth' },
                  url: `${stack.webUrl}/alerts`,
                },
              ],
            },
          ],
        },
      ],
    });
    // The alert's line links to its page in the console: `<url|severity · summary>`.
    const section = message.json().attachments[0].blocks[1].text.text as string;
    const [, linkedId, line] = /^<[^|]+\/alerts\/([0-9a-f-]{36})\|(.*)>$/.exec(section) ?? [];
    expect(line).toBe(`critical · ${summary}`);
    alertId = String(linkedId);
    const alertLink = page.getByRole('link', { name: summary, exact: true });
    expect(await alertLink.getAttribute('href')).toBe(`/alerts/${alertId}`);

    // The alerter records the delivery after the receiver answered: wait for that record, then
    // for a whole delivery round after it. Still one message, and nothing else queued: the
    // group's next message is its repeat, hours away.
    await expect.poll(kinds, { timeout: 15_000 }).toEqual(['firing', 'notified']);
    const notified = (await ruleEvents())[1] as EventRow;
    await deliveryRoundsAfter(heartbeat, notified.at);
    expect(receiver.requests).toHaveLength(1);
    expect(await outbox()).toEqual(['sent']);
    const { rows: groups } = await owner.query<{ pending: string; repeat_in_s: number }>(
      `SELECT (SELECT count(*) FROM alert_notify_items i WHERE i.group_id = g.id AND i.flushed_at IS NULL) AS pending,
              extract(epoch FROM g.next_flush_at - g.last_flushed_at)::int AS repeat_in_s
         FROM alert_notify_groups g JOIN alert_rules r ON r.id = g.rule_id WHERE r.name = $1`,
      [RULE],
    );
    expect(groups).toEqual([{ pending: '0', repeat_in_s: REPEAT_INTERVAL_S }]);
  });

  it('one click on the live row silences the alert, and the row says so', async () => {
    const alertRow = page
      .getByRole('table', { name: 'Alerts' })
      .getByRole('row')
      .filter({ hasText: summary });
    await alertRow.getByRole('button', { name: `Silence ${summary} for an hour` }).click();
    await alertRow.getByText('silenced', { exact: true }).waitFor();
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    await live.saveScreenshot(page, 'alert-silenced');

    await page.goto('/alerts/silences');
    const silenceRow = page
      .getByRole('table', { name: 'Silences' })
      .getByRole('row')
      .filter({ hasText: 'Silenced for an hour from the alerts list' });
    await silenceRow.waitFor();
    expect(await silenceRow.textContent()).toMatch(/active.*1 open/);
    expect(await silenceRow.textContent()).toContain(`container=${stack.container.name}`);
  });

  it('a restart through Berth brings the container back and fires nothing: the silenced resolve sends nothing either', async () => {
    await page.goto('/containers');
    await page.getByRole('link', { name: stack.container.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: stack.container.name }).waitFor();
    const actions = page.getByRole('region', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Restart', exact: true }).click();
    await page
      .getByRole('dialog', { name: `Restart ${stack.container.name}?` })
      .getByRole('button', { name: 'Confirm' })
      .click();
    await actions.getByText('succeeded', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await docker('inspect', '-f', '{{.State.Running}}', stack.container.id)).toBe('true');

    // Running again, the container no longer matches "died": the alert resolves, and the
    // silence keeps the resolve from Slack. No new alert for the container.
    await expect.poll(kinds, { timeout: 30_000 }).toEqual(['firing', 'notified', 'resolved', 'suppressed']);
    const events = await ruleEvents();
    expect(events[3]?.details).toMatchObject({ status: 'resolved' });
    await deliveryRoundsAfter(heartbeat, (events[3] as EventRow).at);
    const { rows: alerts } = await owner.query<{ id: string; state: string }>(
      `SELECT a.id, a.state::text AS state FROM alerts a JOIN alert_rules r ON r.id = a.rule_id WHERE r.name = $1`,
      [RULE],
    );
    expect(alerts).toEqual([{ id: alertId, state: 'resolved' }]);
    expect(receiver.requests).toHaveLength(1);
    expect(await outbox()).toEqual(['sent']);

    await page.goto('/alerts');
    await page.getByText('Nothing firing').waitFor();
    await page.goto('/alerts?state=resolved');
    await page.getByRole('table', { name: 'Alerts' }).getByRole('row').filter({ hasText: summary }).waitFor();
    await live.saveScreenshot(page, 'alert-resolved');
    expect(pageErrors).toEqual([]);
  });
});
