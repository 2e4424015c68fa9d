/**
 * Protocol limits. The frame-level ones (`maxFrameBytes`, `maxItemsPerBatch`, `maxFramesPerSecond`,
 * `maxUnackedBatches`) are the defaults and maxima: a gateway may configure lower values and
 * announces them in `welcome.limits`. The per-field bounds are fixed by the schemas: they are part
 * of the contract, so an agent trims data to them before it spools a batch.
 */
export const LIMITS = {
  /** Largest frame in UTF-8 bytes, checked before JSON parsing. */
  maxFrameBytes: 4 * 1024 * 1024,
  /** Items per `batch` (or `log_lines`), counted over all its top-level arrays together. */
  maxItemsPerBatch: 20_000,
  /** Frames of any type per second per host (enforced by the gateway). */
  maxFramesPerSecond: 50,
  /** Batches sent but not yet acked (the agent waits for acks beyond this). */
  maxUnackedBatches: 16,
  /** One log line, UTF-8 bytes (Docker's own line buffer is 16 KiB). */
  maxLogLineBytes: 16 * 1024,
  /** `action_result.output`, UTF-8 bytes. */
  maxActionOutputBytes: 64 * 1024,
  /** Health-check output, UTF-8 bytes (Docker keeps 4 KiB). */
  maxHealthOutputBytes: 4 * 1024,
  /** `error.message`, UTF-8 bytes. */
  maxErrorMessageBytes: 1024,
  /** Labels per container. */
  maxLabels: 256,
  /** Attributes per Docker event (they repeat the container's labels, plus a few of Docker's). */
  maxEventAttributes: 320,
  /** A label or attribute key, UTF-8 bytes. */
  maxLabelKeyBytes: 512,
  /** A label or attribute value, UTF-8 bytes. */
  maxLabelValueBytes: 4 * 1024,
  /** Published ports listed per container (a published range lists every port). */
  maxPortsPerContainer: 1024,
  /** Repo digests reported per container image (issue 17). */
  maxRepoDigests: 64,
  /** Filesystems per host sample. */
  maxDisksPerHost: 128,
  /** Capabilities or encodings listed in `hello`. */
  maxHelloListEntries: 32,
} as const;

export type Limits = typeof LIMITS;

/** The limits a decoder enforces; either may be lowered by the gateway's configuration. */
export type DecodeLimits = {
  readonly maxFrameBytes?: number;
  readonly maxItemsPerBatch?: number;
};
