import { createServer } from 'node:net';
import { type ChannelConfigInput, ZChannelConfigSchema } from '@berth/api-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendContext } from './channels/channel-definition.js';
import { deliver } from './deliver.js';
import { sampleNotification } from './test/sample-notification.js';
import { type Receiver, startReceiver } from './testing/http-receiver.js';
import { parseRetryAfter } from './transport/delivery-outcome.js';
import { isPrivateAddress } from './transport/destination-guard.js';

let receiver: Receiver;
const open: SendContext = { transport: { timeoutMs: 2_000, allowPrivateTargets: true }, smtp: null };
const guarded: SendContext = { transport: { timeoutMs: 2_000, allowPrivateTargets: false }, smtp: null };

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver?.stop());

const TOKEN = '123456789:AAAbbbCCCdddEEEfffGGGhhh_iiiJJJ';
const send = (input: ChannelConfigInput, context = open) =>
  deliver(ZChannelConfigSchema.parse(input), sampleNotification(), context);
const slack = () => ({
  kind: 'slack' as const,
  webhookUrl: `${receiver.url}/services/T0/B0/secret-path-XYZ`,
});

describe('what the receiver answers decides whether to retry', () => {
  it('429 with Retry-After: retry, after what it asked', async () => {
    receiver.reply({ status: 429, body: 'rate limited', headers: { 'retry-after': '30' } });
    expect(await send(slack())).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 30_000,
      error: 'Slack answered HTTP 429: rate limited',
    });
  });

  it('5xx: retry; 4xx and redirects: fix the channel', async () => {
    receiver.reply(
      { status: 503 },
      { status: 404, body: 'no_service' },
      { status: 301, headers: { location: 'http://x/' } },
    );
    expect(await send(slack())).toMatchObject({ ok: false, retryable: true, retryAfterMs: null });
    expect(await send(slack())).toMatchObject({
      ok: false,
      retryable: false,
      error: 'Slack answered HTTP 404: no_service',
    });
    expect(await send(slack())).toMatchObject({
      ok: false,
      retryable: false,
      error: 'Slack answered HTTP 301',
    });
  });

  it('no answer within the timeout: retry', async () => {
    receiver.reply('hang');
    const outcome = await deliver(ZChannelConfigSchema.parse(slack()), sampleNotification(), {
      ...open,
      transport: { timeoutMs: 200, allowPrivateTargets: true },
    });
    expect(outcome).toMatchObject({
      ok: false,
      retryable: true,
      error: expect.stringContaining('no answer within 200 ms'),
    });
  });

  it('connection refused: retry', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(
      await send({ kind: 'discord', webhookUrl: `http://127.0.0.1:${port}/api/webhooks/1/x` }),
    ).toMatchObject({
      ok: false,
      retryable: true,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it("Telegram's flood control and refusals are read from its JSON", async () => {
    receiver.reply(
      {
        status: 429,
        body: '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}',
      },
      { status: 400, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' },
    );
    const telegram = { kind: 'telegram' as const, botToken: TOKEN, chatId: '-100123', apiUrl: receiver.url };
    expect(await send(telegram)).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7_000 });
    expect(await send(telegram)).toEqual({
      ok: false,
      retryable: false,
      retryAfterMs: null,
      error: 'Telegram answered HTTP 400: Bad Request: chat not found',
    });
  });

  it("Matrix's retry_after_ms is honoured", async () => {
    receiver.reply({ status: 429, body: '{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":1500}' });
    const matrix = {
      kind: 'matrix' as const,
      homeserverUrl: receiver.url,
      accessToken: 'syt_abcdefgh',
      roomId: '!r:example.org',
    };
    expect(await send(matrix)).toMatchObject({ ok: false, retryable: true, retryAfterMs: 1_500 });
  });

  it('Retry-After as an HTTP date, and absurd waits capped at an hour', () => {
    const now = Date.parse('2026-12-06T10:00:00Z');
    expect(parseRetryAfter('Sun, 06 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('999999', now)).toBe(3_600_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('secrets never leave in an outcome', () => {
  it('a receiver echoing the bot token or webhook path gets it redacted', async () => {
    receiver.reply(
      { status: 404, body: `{"ok":false,"description":"no bot at /bot${TOKEN}/sendMessage"}` },
      { status: 400, body: 'invalid hook /services/T0/B0/secret-path-XYZ' },
    );
    const telegram = await send({
      kind: 'telegram',
      botToken: TOKEN,
      chatId: '-100123',
      apiUrl: receiver.url,
    });
    expect(telegram.ok).toBe(false);
    expect(JSON.stringify(telegram)).not.toContain(TOKEN);
    expect(JSON.stringify(telegram)).toContain('[redacted]');
    const hook = await send(slack());
    expect(JSON.stringify(hook)).not.toContain('secret-path-XYZ');
  });
});

describe('the destination guard (hosted Berth)', () => {
  it('refuses loopback, private and metadata addresses before connecting, as a permanent failure', async () => {
    const before = receiver.requests.length;
    expect(await send(slack(), guarded)).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining('private or reserved address'),
    });
    // A name that resolves to loopback is refused on the resolved address.
    expect(
      await send(
        { kind: 'discord', webhookUrl: `http://localhost:${new URL(receiver.url).port}/x` },
        guarded,
      ),
    ).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining('private or reserved address'),
    });
    expect(
      await send({ kind: 'discord', webhookUrl: 'http://169.254.169.254/latest/meta-data' }, guarded),
    ).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(receiver.requests.length).toBe(before);
  });

  it('knows the private and reserved ranges, mapped IPv4 included', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['1.1.1.1', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:1.1.1.1'])
      expect(isPrivateAddress(address), address).toBe(false);
  });
});

describe('configuration errors name the field', () => {
  it.each([
    [{ kind: 'telegram', botToken: 'nope', chatId: '-100123' }, 'botToken'],
    [{ kind: 'slack', webhookUrl: 'ftp://example.org/x' }, 'webhookUrl'],
    [{ kind: 'email', to: [] }, 'to'],
    [{ kind: 'email', to: ['ops@example.org', 'not-an-address'] }, 'to.1'],
    [{ kind: 'pagerduty', routingKey: 'short' }, 'routingKey'],
    [{ kind: 'webhook', url: 'https://example.org', headers: { 'bad header': 'x' } }, 'headers.bad header'],
    [{ kind: 'ntfy', topic: 'has space' }, 'topic'],
    [
      { kind: 'matrix', homeserverUrl: 'https://m.org', accessToken: 'syt_abcdefgh', roomId: '#alias:m.org' },
      'roomId',
    ],
  ])('%j → %s', (input, field) => {
    const result = ZChannelConfigSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });

  it('an unknown kind is refused on `kind`', () => {
    const result = ZChannelConfigSchema.safeParse({ kind: 'carrier-pigeon' });
    expect(result.error?.issues[0]?.path).toEqual(['kind']);
  });
});
