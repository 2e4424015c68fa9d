import WebSocket from 'ws';
import { deferred } from '../shared/deferred.js';

const HELLO = JSON.stringify({
  type: 'hello',
  protocol: 1,
  agentVersion: '1.4.2',
  host: {
    hostname: 'actions-bench',
    os: 'Debian GNU/Linux 12 (bookworm)',
    kernel: '6.1.0-25-amd64',
    arch: 'x64',
    cpus: 4,
    memTotal: 8 * 1024 * 1024 * 1024,
    dockerVersion: '27.3.1',
  },
  capabilities: ['actions'],
  encodings: ['json'],
  lastAckedSeq: 0,
});

type ActionFrame = { type: 'action'; id: string; verb: string; deadline: string };

/**
 * A simulated agent that answers actions as the real one does: `running`, then the final
 * result with its start and finish times (a no-op `ping` answers `pong`; every other verb
 * succeeds without touching anything). An id delivered again is not answered again. It pings
 * at the welcome's interval and ignores the pongs.
 */
export class ActionAgent {
  readonly ws: WebSocket;
  private readonly welcome = deferred();
  private readonly seen = new Set<string>();
  received = 0;
  duplicates = 0;

  constructor(credential: string, url: string) {
    this.ws = new WebSocket(url, {
      headers: { authorization: `Bearer ${credential}` },
      perMessageDeflate: false,
      handshakeTimeout: 30_000,
    });
    this.ws.on('open', () => this.ws.send(HELLO));
    this.ws.on('message', (data) => this.onMessage(data as Buffer));
    this.ws.on('error', (error) => this.welcome.reject(error));
    this.ws.on('close', (code, reason) => this.welcome.reject(new Error(`closed ${code} ${reason}`)));
  }

  get ready(): Promise<void> {
    return this.welcome.promise;
  }

  private onMessage(data: Buffer): void {
    const frame = JSON.parse(data.toString()) as { type?: string; intervals?: { pingMs: number } };
    if (frame.type === 'welcome') {
      // Pings as the real agent does: the gateway closes sockets silent for 3 intervals.
      const timer = setInterval(
        () => this.send({ type: 'ping', ts: Date.now() }),
        frame.intervals?.pingMs ?? 30_000,
      );
      this.ws.once('close', () => clearInterval(timer));
      this.welcome.resolve();
    } else if (frame.type === 'action') {
      this.answer(frame as ActionFrame);
    }
  }

  private answer(action: ActionFrame): void {
    this.received += 1;
    if (this.seen.has(action.id)) {
      this.duplicates += 1;
      return;
    }
    this.seen.add(action.id);
    const startedAt = new Date().toISOString();
    this.send({ type: 'action_result', id: action.id, status: 'running', output: '' });
    const output = action.verb === 'ping' ? 'pong' : 'done';
    const finishedAt = new Date().toISOString();
    this.send({ type: 'action_result', id: action.id, status: 'succeeded', output, startedAt, finishedAt });
  }

  private send(frame: object): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }
}
