import type { MessageDecoder, MessageHandler, Unsubscribe } from './types.js';

/** One server-side subscription (a channel or a pattern) shared by any number of local handlers. */
export type Subscription = {
  readonly name: string;
  readonly handlers: Set<{ handler: MessageHandler; decode?: MessageDecoder | undefined }>;
  /** False once the last handler left (or subscribing failed); a removed subscription gets no messages. */
  active: boolean;
};

export type SubscriptionHooks = {
  /** Called when the first handler arrives (SUBSCRIBE / PSUBSCRIBE). */
  open(name: string): Promise<unknown>;
  /** Called when the last handler leaves (UNSUBSCRIBE / PUNSUBSCRIBE). */
  close(name: string): Promise<unknown>;
};

export type SubscriptionRegistry = {
  add(name: string, handler: MessageHandler, decode?: MessageDecoder): Promise<Unsubscribe>;
  get(name: string): Subscription | undefined;
  all(): IterableIterator<Subscription>;
  /** Forgets everything without calling hooks (the connection is going away). */
  clear(): void;
};

/**
 * Reference-counts handlers per name. Hooks are called synchronously in the order state changes, so on one
 * connection a SUBSCRIBE, UNSUBSCRIBE, SUBSCRIBE sequence for the same name ends subscribed, whatever the
 * timing of the replies.
 */
export function createSubscriptionRegistry(hooks: SubscriptionHooks): SubscriptionRegistry {
  const byName = new Map<string, { sub: Subscription; ready: Promise<void> }>();

  function open(name: string) {
    const sub: Subscription = { name, handlers: new Set(), active: true };
    const ready = hooks.open(name).then(
      () => undefined,
      (error: unknown) => {
        if (byName.get(name)?.sub === sub) byName.delete(name);
        sub.active = false;
        throw error;
      },
    );
    const slot = { sub, ready };
    byName.set(name, slot);
    return slot;
  }

  async function add(name: string, handler: MessageHandler, decode?: MessageDecoder): Promise<Unsubscribe> {
    const { sub, ready } = byName.get(name) ?? open(name);
    const registration = { handler, decode };
    sub.handlers.add(registration);
    try {
      await ready;
    } catch (error) {
      sub.handlers.delete(registration);
      throw error;
    }
    let removed = false;
    return async () => {
      if (removed) return;
      removed = true;
      sub.handlers.delete(registration);
      if (sub.handlers.size > 0 || byName.get(name)?.sub !== sub) return;
      byName.delete(name);
      sub.active = false;
      await hooks.close(name);
    };
  }

  return {
    add,
    get: (name) => byName.get(name)?.sub,
    *all() {
      for (const slot of byName.values()) yield slot.sub;
    },
    clear() {
      for (const slot of byName.values()) slot.sub.active = false;
      byName.clear();
    },
  };
}
