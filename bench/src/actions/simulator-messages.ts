/** The simulator's job, written by the parent to a JSON file (credentials are too many for argv). */
export type ActionSimulatorJob = {
  agents: { credential: string; url: string }[];
  concurrency: number;
  /** Tries per agent (first connect + retries with backoff) before it counts as failed. */
  attempts: number;
};

/** What the simulator reports on stdout (JSON lines). */
export type ActionSimulatorReport =
  | { type: 'connected'; welcomed: number; failed: number; retries: number; errors: string[] }
  | { type: 'stats'; received: number; duplicates: number; open: number };
