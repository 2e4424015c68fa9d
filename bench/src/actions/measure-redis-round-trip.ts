import { createRedisBus } from '@berth/bus';

/**
 * The baseline: a bare Redis pub/sub round trip (publish a request, a subscriber on another
 * connection publishes the answer, the first connection receives it), one at a time, through
 * the same bus wrapper and Redis the control plane uses. A Berth action needs at least two such
 * hops (the API's nudge to the gateway, the gateway's status event to the API) plus the
 * WebSocket round trip to the agent and the database writes.
 */
export async function measureRedisRoundTrips(redisUrl: string, count: number): Promise<number[]> {
  const asker = createRedisBus(redisUrl, { name: 'bench-rt-asker' });
  const answerer = createRedisBus(redisUrl, { name: 'bench-rt-answerer' });
  const request = `bench:rt:${process.pid}:request`;
  const reply = `bench:rt:${process.pid}:reply`;
  try {
    await answerer.subscribe(request, (message) => void answerer.publish(reply, message));
    let pending: ((id: number) => void) | undefined;
    await asker.subscribe(reply, (message) => pending?.((message as { id: number }).id));
    const rtts: number[] = [];
    for (let id = 0; id < count; id += 1) {
      const started = performance.now();
      await new Promise<void>((resolve) => {
        pending = (answered) => answered === id && resolve();
        void asker.publish(request, { id, kind: 'action', hostId: 'bench' });
      });
      rtts.push(performance.now() - started);
    }
    return rtts;
  } finally {
    await asker.close();
    await answerer.close();
  }
}
