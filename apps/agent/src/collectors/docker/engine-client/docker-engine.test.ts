import { dockerAvailability, runBusybox, type TestContainer } from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLines } from '../../shared/read-lines.js';
import { DockerEngine, pullError } from './docker-engine.js';
import { EngineError } from './engine-error.js';
import { EngineTransport } from './engine-transport.js';

const availability = await dockerAvailability();
const engine = new DockerEngine({ socketPath: '/var/run/docker.sock' });
let target: TestContainer;

beforeAll(async () => {
  if (availability.ok) target = await runBusybox('while true; do echo tick; sleep 0.2; done');
});
afterAll(async () => {
  await target?.remove();
  engine.close();
});

/** The rejection of `promise`, which must reject. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('pull progress lines', () => {
  it('finds the error a progress line reports, and nothing in ordinary progress', () => {
    expect(pullError('{"status":"Pulling fs layer","id":"abc"}')).toBeUndefined();
    expect(pullError('{"errorDetail":{"message":"denied"},"error":"denied: requested access"}')).toBe(
      'denied: requested access',
    );
    expect(pullError('<html>')).toMatch(/unreadable pull progress: <html>/);
  });
});

describe.skipIf(!availability.ok)(
  `the Engine API client against dockerd${availability.ok ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    it('reads the version and lists and inspects containers', async () => {
      expect((await engine.version()).Version).toBe(availability.ok ? availability.version : '');
      const listed = await engine.listContainers({ all: true });
      expect(listed.map((summary) => summary.Id)).toContain(target.id);
      const info = await engine.container(target.shortId).inspect();
      expect(info).toMatchObject({ Id: target.id, Name: `/${target.name}`, State: { Running: true } });
    });

    it("carries the engine's status and message: 404 for a missing container, 304 for a no-op", async () => {
      const missing = await rejectionOf(engine.container('0123456789ab').inspect());
      expect(missing).toBeInstanceOf(EngineError);
      expect(missing).toMatchObject({
        statusCode: 404,
        engineMessage: expect.stringMatching(/No such container/),
      });
      const started = await rejectionOf(engine.container(target.id).start());
      expect(started).toMatchObject({ statusCode: 304 });
    });

    it('refuses a JSON answer larger than its bound', async () => {
      const transport = new EngineTransport({ socketPath: '/var/run/docker.sock' });
      const error = await rejectionOf(transport.json({ path: '/version' }, 16));
      expect(String(error)).toMatch(/larger than 16 bytes/);
      expect(await transport.json({ path: '/version' })).toHaveProperty('ApiVersion');
      transport.close();
    });

    it('follows logs raw and ends the stream cleanly when aborted', async () => {
      const abort = new AbortController();
      const body = await engine.container(target.id).logs({ tail: 2, signal: abort.signal });
      const chunks: Buffer[] = [];
      const ended = new Promise<void>((resolve) => body.once('close', resolve));
      body.on('error', () => undefined);
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      await expect.poll(() => Buffer.concat(chunks).length, { timeout: 5000 }).toBeGreaterThan(16);
      // Without a TTY: 8-byte frame headers (stream 1 = stdout) before "<timestamp> tick\n".
      const bytes = Buffer.concat(chunks);
      expect(bytes[0]).toBe(1);
      expect(bytes.subarray(8, 8 + bytes.readUInt32BE(4)).toString()).toMatch(/^\d{4}-\d\d-\d\dT\S+ tick\n$/);
      abort.abort();
      await ended;
      expect(body.destroyed).toBe(true);
    });

    it('streams events as JSON lines and reads a one-shot stats reading', async () => {
      const abort = new AbortController();
      const since = Math.floor(Date.now() / 1000) - 1;
      const events = await engine.events(
        { since, filters: JSON.stringify({ type: ['container'] }) },
        abort.signal,
      );
      const actions: string[] = [];
      const reading = readLines(events, (line) => {
        const event = JSON.parse(line) as { Action: string; Actor: { ID: string } };
        if (event.Actor.ID === target.id) actions.push(event.Action);
      }).catch(() => undefined);
      await engine.container(target.id).kill('SIGWINCH');
      await expect.poll(() => actions, { timeout: 5000 }).toContain('kill');
      abort.abort();
      await reading;
      const stats = (await engine.container(target.id).stats()) as { read: string; cpu_stats: object };
      expect(Date.parse(stats.read)).toBeGreaterThan(0);
      expect(stats.cpu_stats).toBeTypeOf('object');
    });

    it("reports a pull that fails with the engine's reason", async () => {
      // A registry on a closed local port: the engine fails without leaving the machine.
      await expect(engine.pull('127.0.0.1:1/berth-no-such-image:1')).rejects.toThrow(/127\.0\.0\.1:1/);
    });
  },
);
