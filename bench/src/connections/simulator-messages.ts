/** What the parent tells a simulator process (one JSON object per stdin line). */
export type SimulatorCommand = { cmd: 'pings'; count: number; windowMs: number } | { cmd: 'exit' };

/** What a simulator process reports (one JSON object per stdout line). */
export type SimulatorReport =
  | { type: 'progress'; welcomed: number; failed: number; retries: number; dropped: number }
  | {
      type: 'connected';
      welcomed: number;
      failed: number;
      retries: number;
      seconds: number;
      errors: string[];
    }
  | { type: 'pings'; rtts: number[]; lost: number };

/** The simulator's job, written by the parent to a JSON file (credentials are too many for argv). */
export type SimulatorJob = {
  agents: { credential: string; url: string; localAddress: string }[];
  concurrency: number;
  pingEveryMs: number;
  /** Attempts per agent (first connect + retries with backoff) before it counts as failed. */
  attempts: number;
};
