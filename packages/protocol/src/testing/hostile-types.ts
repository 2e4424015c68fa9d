import type { CloseCode } from '../close-codes.js';
import type { Random } from './random.js';

export type HostileCategory =
  | 'json'
  | 'encoding'
  | 'top-level'
  | 'envelope'
  | 'prototype'
  | 'version'
  | 'size'
  | 'items'
  | 'nesting'
  | 'field'
  | 'cross-field'
  | 'schema-valid';

/**
 * `handshake` frames go first on a fresh connection (they are hellos, or stand in for one);
 * `session` frames go after a valid hello has been welcomed.
 */
export type HostilePhase = 'handshake' | 'session';

type HostileBase = {
  name: string;
  category: HostileCategory;
  phase: HostilePhase;
  raw: string | Buffer;
};

/** A frame the decoder must refuse, with the close code it must produce. */
export type RejectedHostileFrame = HostileBase & { schemaValid: false; expectedCloseCode: CloseCode };

/** Valid per schema but hostile in meaning; what to do is the gateway's call. */
export type SchemaValidHostileFrame = HostileBase & { schemaValid: true; expectedCloseCode: null };

export type HostileFrame = RejectedHostileFrame | SchemaValidHostileFrame;

export type HostileEnv = {
  readonly maxFrameBytes: number;
  readonly maxItemsPerBatch: number;
  /** Big payloads are built once per generator run and shared by the items that use them. */
  readonly memo: Map<string, string | Buffer>;
};

export type HostileCase = {
  name: string;
  category: HostileCategory;
  phase?: HostilePhase;
  /** Default 4000 (bad frame); `null` marks a schema-valid case. */
  expectedCloseCode?: CloseCode | null;
  build: (rng: Random, env: HostileEnv) => string | Buffer;
};
