import type { AgentSession } from '../agents/agent-session.js';
import type { DeliveryTrigger } from './deliver-actions.js';

/** One finished delivery pass: how many actions it sent, or why it failed. */
export type DeliveryPass = {
  session: AgentSession;
  trigger: DeliveryTrigger;
  sent: number;
  error?: unknown;
};

type Listener = (pass: DeliveryPass) => void;

export type DeliveryPasses = ReturnType<typeof createDeliveryPasses>;

/**
 * Tells whoever listens that a delivery pass is over — tests await a hello's pass instead of
 * racing it, and know that no frame of it is still to come.
 */
export function createDeliveryPasses() {
  const listeners = new Set<Listener>();
  return {
    /** Returns the function that stops listening. */
    onPass(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(pass: DeliveryPass): void {
      for (const listener of listeners) listener(pass);
    },
  };
}
