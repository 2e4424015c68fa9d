import { createHmac } from 'node:crypto';
import { type ChannelConfigInput, ZChannelConfigSchema } from '@berth/api-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendContext } from './channels/channel-definition.js';
import { pagerDutyDedupKey } from './channels/pagerduty.js';
import { deliver } from './deliver.js';
import type { Notification } from './notification.js';
import { resolvedNotification, sampleNotification } from './test/sample-notification.js';
import { type Receiver, startReceiver } from './testing/http-receiver.js';

let receiver: Receiver;
const context: SendContext = { transport: { timeoutMs: 5_000, allowPrivateTargets: true }, smtp: null };

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver?.stop());

async function send(input: ChannelConfigInput, notification: Notification = sampleNotification()) {
  const outcome = await deliver(ZChannelConfigSchema.parse(input), notification, context);
  expect(outcome).toEqual({ ok: true, status: expect.any(Number) });
  return receiver.last();
}

describe('each channel posts what its receiver documents', () => {
  it('webhook: the versioned JSON body, an idempotency key, a verifiable signature and extra headers', async () => {
    const request = await send({
      kind: 'webhook',
      url: `${receiver.url}/hooks/berth?x=1`,
      signingSecret: 'a-signing-secret-of-length',
      headers: { Authorization: 'Bearer receiver-token' },
    });
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hooks/berth?x=1');
    expect(request.headers['idempotency-key']).toBe('ntf_01JABCDEF');
    expect(request.headers.authorization).toBe('Bearer receiver-token');
    expect(request.headers['user-agent']).toBe('Berth-Notify/1');
    const body = request.json();
    expect(body).toMatchObject({
      version: '1',
      id: 'ntf_01JABCDEF',
      org: 'Acme',
      status: 'firing',
      title: '[FIRING:2] High CPU — Acme',
      alerts: [
        {
          fingerprint: 'fp-warning',
          severity: 'warning',
          startsAt: '2026-12-06T10:00:00.000Z',
          endsAt: null,
        },
        { fingerprint: 'fp-critical', severity: 'critical' },
      ],
    });
    const signature = String(request.headers['x-berth-signature']);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    expect(v1).toBe(
      createHmac('sha256', 'a-signing-secret-of-length').update(`${t}.${request.body}`).digest('hex'),
    );
  });

  it('slack: Block Kit in a coloured attachment, mrkdwn escaped, worst first, a button to the console', async () => {
    const body = (await send({ kind: 'slack', webhookUrl: `${receiver.url}/services/T0/B0/XYZ` })).json();
    expect(body.text).toBe('[FIRING:2] High CPU — Acme');
    const [attachment] = body.attachments;
    expect(attachment.color).toBe('#c62828');
    const sections = attachment.blocks.filter((b: { type: string }) => b.type === 'section');
    expect(sections[0].text.text).toBe('critical · db-1 on host-a at 99 % CPU for 5 minutes &lt;&amp;&gt;');
    expect(sections[1].text.text).toContain('<https://berth.example/alerts/fp-warning|warning · web-1');
    expect(attachment.blocks.at(-1).elements[0].url).toBe('https://berth.example/alerts');
  });

  it('mattermost: Slack-style attachment with Markdown and the channel override', async () => {
    const body = (
      await send({ kind: 'mattermost', webhookUrl: `${receiver.url}/hooks/abc`, channel: 'ops' })
    ).json();
    expect(body).toMatchObject({
      username: 'Berth',
      channel: 'ops',
      text: '#### [FIRING:2] High CPU — Acme',
    });
    expect(body.attachments[0].text).toContain(
      '[warning · web-1 on host-a at 91 % CPU for 5 minutes](https://berth.example/alerts/fp-warning)',
    );
  });

  it('discord: one embed in the severity colour, mentions disabled', async () => {
    const body = (await send({ kind: 'discord', webhookUrl: `${receiver.url}/api/webhooks/1/abc` })).json();
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]).toMatchObject({
      title: '[FIRING:2] High CPU — Acme',
      color: 0xc62828,
      url: 'https://berth.example/alerts',
    });
  });

  it('msteams: an Adaptive Card with an Open action', async () => {
    const body = (await send({ kind: 'msteams', webhookUrl: `${receiver.url}/workflows/x` })).json();
    const card = body.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.body[0]).toMatchObject({ text: '[FIRING:2] High CPU — Acme', color: 'Attention' });
    expect(card.content.actions[0]).toMatchObject({
      type: 'Action.OpenUrl',
      url: 'https://berth.example/alerts',
    });
  });

  it('googlechat: formatted text with links', async () => {
    const body = (
      await send({ kind: 'googlechat', webhookUrl: `${receiver.url}/v1/spaces/AAA/messages?key=k` })
    ).json();
    expect(body.text.split('\n')[0]).toBe('*[FIRING:2] High CPU — Acme*');
    expect(body.text).toContain('<https://berth.example/alerts|Open in Berth>');
  });

  it('telegram: sendMessage on the bot token with HTML escaped, to the chat and topic', async () => {
    receiver.reply({ status: 200, body: '{"ok":true,"result":{"message_id":1}}' });
    const request = await send({
      kind: 'telegram',
      botToken: '123456789:AAAbbbCCCdddEEEfffGGGhhh_iiiJJJ',
      chatId: '-1001234567890',
      messageThreadId: 7,
      apiUrl: receiver.url,
    });
    expect(request.path).toBe('/bot123456789:AAAbbbCCCdddEEEfffGGGhhh_iiiJJJ/sendMessage');
    const body = request.json();
    expect(body).toMatchObject({ chat_id: '-1001234567890', message_thread_id: 7, parse_mode: 'HTML' });
    expect(body.text).toContain('99 % CPU for 5 minutes &lt;&amp;&gt;');
  });

  it('ntfy: JSON publish with priority from the worst severity and the click link', async () => {
    const request = await send({
      kind: 'ntfy',
      serverUrl: receiver.url,
      topic: 'berth-acme-x81',
      accessToken: 'tk_abcdefgh12345',
    });
    expect(request.headers.authorization).toBe('Bearer tk_abcdefgh12345');
    expect(request.json()).toMatchObject({
      topic: 'berth-acme-x81',
      priority: 5,
      click: 'https://berth.example/alerts',
    });
  });

  it('gotify: /message with the app token header', async () => {
    const request = await send({
      kind: 'gotify',
      serverUrl: `${receiver.url}/gotify/`,
      appToken: 'AbCdEfGh12345',
    });
    expect(request.path).toBe('/gotify/message');
    expect(request.headers['x-gotify-key']).toBe('AbCdEfGh12345');
    expect(request.json()).toMatchObject({ title: '[FIRING:2] High CPU — Acme', priority: 8 });
  });

  it('pushover: messages.json with keys, priority and the console link', async () => {
    const request = await send({
      kind: 'pushover',
      userKey: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG',
      appToken: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi',
      apiUrl: receiver.url,
    });
    expect(request.path).toBe('/1/messages.json');
    expect(request.json()).toMatchObject({
      user: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG',
      priority: 1,
      url_title: 'Open in Berth',
    });
  });

  it('pagerduty: trigger and resolve one incident per group on the same dedup key', async () => {
    const config = {
      kind: 'pagerduty',
      routingKey: 'R0123456789abcdef0123456789abcde',
      apiUrl: receiver.url,
    } as const;
    const trigger = (await send(config)).json();
    expect(trigger).toMatchObject({
      event_action: 'trigger',
      routing_key: config.routingKey,
      payload: { severity: 'critical', source: 'host-a', component: 'db-1', class: 'High CPU' },
    });
    const resolve = (await send(config, resolvedNotification())).json();
    expect(resolve.event_action).toBe('resolve');
    expect(resolve.dedup_key).toBe(trigger.dedup_key);
    expect(trigger.dedup_key).toBe(pagerDutyDedupKey(sampleNotification()));
    expect(receiver.last().path).toBe('/v2/enqueue');
  });

  it('opsgenie: create with an alias, then close by that alias', async () => {
    const config = {
      kind: 'opsgenie',
      apiKey: 'eb243592-faa2-4ba2-a551q-1afdf565c889',
      apiUrl: receiver.url,
    } as const;
    const created = await send(config);
    expect(created.path).toBe('/v2/alerts');
    expect(created.headers.authorization).toBe(`GenieKey ${config.apiKey}`);
    const { alias, priority } = created.json();
    expect(priority).toBe('P1');
    const closed = await send(config, resolvedNotification());
    expect(closed.path).toBe(`/v2/alerts/${alias}/close?identifierType=alias`);
  });

  it('matrix: PUT with the notification id as transaction id, HTML and plain bodies', async () => {
    const request = await send({
      kind: 'matrix',
      homeserverUrl: receiver.url,
      accessToken: 'syt_bot_token_123456',
      roomId: '!room123:example.org',
    });
    expect(request.method).toBe('PUT');
    expect(request.path).toBe(
      '/_matrix/client/v3/rooms/!room123%3Aexample.org/send/m.room.message/ntf_01JABCDEF',
    );
    expect(request.headers.authorization).toBe('Bearer syt_bot_token_123456');
    const body = request.json();
    expect(body.format).toBe('org.matrix.custom.html');
    expect(body.formatted_body).toContain('&lt;&amp;&gt;');
  });
});

describe('long groups', () => {
  it('list the worst twenty and say how many more, within Discord limits', async () => {
    const many = sampleNotification({
      alerts: Array.from({ length: 30 }, (_, i) => ({
        fingerprint: `fp-${i}`,
        status: 'firing' as const,
        ruleName: 'Container died',
        severity: i === 29 ? ('critical' as const) : ('warning' as const),
        summary: `c-${i} on host-a exited with code 1 ${'x'.repeat(300)}`,
        labels: {},
        startsAt: new Date(Date.UTC(2026, 11, 6, 10, i)),
        endsAt: null,
      })),
    });
    const embed = (await send({ kind: 'discord', webhookUrl: `${receiver.url}/d` }, many)).json().embeds[0];
    expect(embed.description.length).toBeLessThanOrEqual(4096);
    expect(embed.description.startsWith('• critical · c-29')).toBe(true);
    const text: string = (await send({ kind: 'googlechat', webhookUrl: `${receiver.url}/g` }, many)).json()
      .text;
    expect(text.length).toBeLessThanOrEqual(4096);
    const lines = text.split('\n');
    // Every alert is either listed or counted, and the console link survives at the end.
    const listed = lines.filter((line) => line.startsWith('• ')).length;
    expect(lines.at(-2)).toBe(`… and ${30 - listed} more`);
    expect(lines.at(-1)).toBe('<https://berth.example/alerts|Open in Berth>');
    expect(listed).toBeGreaterThan(5);
  });
});
