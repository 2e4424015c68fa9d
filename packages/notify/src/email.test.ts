import type { AddressInfo } from 'node:net';
import { ZChannelConfigSchema } from '@berth/api-contract';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver } from './deliver.js';
import { sampleNotification } from './test/sample-notification.js';

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
/** Recipients the server answers with this SMTP code instead of accepting. */
const refuse = new Map<string, { code: number; message: string }>();
let server: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      const refusal = refuse.get(address.address);
      if (!refusal) return callback();
      const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const context = () => ({
  transport: { timeoutMs: 5_000, allowPrivateTargets: true },
  smtp: { url: smtpUrl, from: 'Berth <alerts@berth.example>' },
});

/** The Subject header, its RFC 2047 Q-encoded words decoded (the title carries an em dash). */
function subjectOf(raw: string): string {
  const line = /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '';
  return line.replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, text: string) =>
    Buffer.from(
      text
        .replace(/_/g, ' ')
        .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      'latin1',
    ).toString('utf8'),
  );
}

describe('e-mail channel over a real SMTP server', () => {
  it('sends text and HTML with a stable Message-ID, from the installation sender', async () => {
    const config = ZChannelConfigSchema.parse({
      kind: 'email',
      to: ['ops@example.org', 'oncall@example.org'],
    });
    expect(await deliver(config, sampleNotification(), context())).toEqual({ ok: true, status: null });
    const mail = received.at(-1) as Received;
    expect(mail.from).toBe('alerts@berth.example');
    expect(mail.to).toEqual(['ops@example.org', 'oncall@example.org']);
    expect(subjectOf(mail.raw)).toBe('[FIRING:2] High CPU — Acme');
    expect(mail.raw).toContain('Message-ID: <ntf_01JABCDEF@berth.notify>');
    expect(mail.raw).toContain('Auto-Submitted: auto-generated');
    expect(mail.raw).toContain('text/html');
    expect(mail.raw).toContain('&lt;&amp;&gt;');
  });

  it("uses the channel's own server when it has one", async () => {
    const config = ZChannelConfigSchema.parse({ kind: 'email', to: ['own@example.org'], smtpUrl });
    const outcome = await deliver(config, sampleNotification(), { ...context(), smtp: null });
    expect(outcome.ok).toBe(true);
    expect(received.at(-1)?.to).toEqual(['own@example.org']);
  });

  it('a 4xx refusal is retried, a 5xx one is not', async () => {
    refuse.set('full@example.org', { code: 452, message: 'mailbox full, try later' });
    refuse.set('gone@example.org', { code: 550, message: 'no such user' });
    const send = (to: string) =>
      deliver(ZChannelConfigSchema.parse({ kind: 'email', to: [to] }), sampleNotification(), context());
    expect(await send('full@example.org')).toMatchObject({ ok: false, retryable: true });
    expect(await send('gone@example.org')).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining('no such user'),
    });
  });

  it('without any SMTP server it says so and does not retry', async () => {
    const outcome = await deliver(
      ZChannelConfigSchema.parse({ kind: 'email', to: ['x@example.org'] }),
      sampleNotification(),
      {
        transport: { timeoutMs: 1_000, allowPrivateTargets: true },
        smtp: null,
      },
    );
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining('no SMTP server'),
    });
  });

  it("refuses a channel's own server on a private address when the guard is on, password redacted", async () => {
    const config = ZChannelConfigSchema.parse({
      kind: 'email',
      to: ['x@example.org'],
      smtpUrl: 'smtp://mailer:hunter2-password@127.0.0.1:2525',
    });
    const outcome = await deliver(config, sampleNotification(), {
      transport: { timeoutMs: 1_000, allowPrivateTargets: false },
      smtp: null,
    });
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining('private or reserved'),
    });
    expect(JSON.stringify(outcome)).not.toContain('hunter2-password');
  });
});
