import { createInterface } from 'node:readline';
import { spawnTsChild } from '../shared/spawn-ts-child.js';
import { exited } from '../shared/track-children.js';

/** One alert as a notification lists it (@berth/notify's webhook body, the fields used here). */
export type NotifiedAlert = {
  status: 'firing' | 'resolved';
  startsAt: string;
  labels: Record<string, string>;
  /** From the alert's console link; null if the body had none. */
  alertId: string | null;
};

export type Arrival = {
  /** Epoch ms (performance.timeOrigin + performance.now() in the receiver) when the body had arrived. */
  at: number;
  /** The notification id (the Idempotency-Key header). */
  id: string;
  status: string;
  alerts: NotifiedAlert[];
};

export type WebhookReceiver = {
  url: string;
  pid: number;
  arrivals: Arrival[];
  /** Forgets what arrived so far (between runs). */
  reset(): void;
  stop(): Promise<void>;
};

/**
 * The local webhook every organisation's channel posts to, in its own process
 * (receiver-process.ts), which reports each arrival as a JSON line.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const child = spawnTsChild(new URL('./receiver-process.ts', import.meta.url), [], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = child.pid;
  if (pid === undefined || !child.stdout) throw new Error('the webhook receiver did not start');
  const arrivals: Arrival[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the webhook receiver exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const message = JSON.parse(line) as Arrival & { listening?: string };
      if (message.listening) resolve(message.listening);
      else arrivals.push(message);
    });
  });
  return {
    url,
    pid,
    arrivals,
    reset() {
      arrivals.length = 0;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
