import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type SunkMail = { to: string[]; raw: string };

export type MailSink = {
  url: string;
  messages: SunkMail[];
  /** The next (or an already received, unclaimed) message to `to`. */
  next(to: string): Promise<SunkMail>;
  stop(): Promise<void>;
};

/** A local SMTP server that keeps what it receives: where the API's mail goes in tests. */
export async function startMailSink(): Promise<MailSink> {
  const messages: SunkMail[] = [];
  const claimed = new Set<SunkMail>();
  const waiters: { to: string; resolve: (mail: SunkMail) => void }[] = [];
  const deliver = (mail: SunkMail) => {
    messages.push(mail);
    const waiter = waiters.find((w) => mail.to.includes(w.to));
    if (!waiter) return;
    waiters.splice(waiters.indexOf(waiter), 1);
    claimed.add(mail);
    waiter.resolve(mail);
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        deliver({ to, raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    next(to) {
      const ready = messages.find((m) => !claimed.has(m) && m.to.includes(to));
      if (ready) {
        claimed.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiters.push({ to, resolve }));
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first Berth console link in a message (quoted-printable soft breaks undone). */
export function linkIn(mail: SunkMail): string {
  const text = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = /http:\/\/berth\.test\/[^\s"<>]+/.exec(text);
  if (!match) throw new Error(`no link in mail:\n${text}`);
  return match[0];
}

/** The secret of a console link: `/invite/<token>` or `/reset-password/confirm?token=…`. */
export function tokenOf(link: string): string {
  const url = new URL(link);
  const token = url.searchParams.get('token') ?? /^\/invite\/([^/]+)$/.exec(url.pathname)?.[1];
  if (!token) throw new Error(`no token in ${link}`);
  return decodeURIComponent(token);
}
