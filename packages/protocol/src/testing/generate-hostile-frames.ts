import { CLOSE_CODES } from '../close-codes.js';
import { type DecodeLimits, LIMITS } from '../limits.js';
import { baseAgentFrame } from './hostile-base-frames.js';
import { FIELD_SPECS, type FieldSpec } from './hostile-field-specs.js';
import { SCHEMA_VALID_CASES } from './hostile-schema-valid-cases.js';
import { STRUCTURE_CASES } from './hostile-structure-cases.js';
import { TEXT_CASES } from './hostile-text-cases.js';
import type { HostileCase, HostileEnv, HostileFrame } from './hostile-types.js';
import { mutateFrame } from './mutate-frame.js';
import { createRandom } from './random.js';

export type HostileOptions = {
  /** Limits the gateway under test runs with; size and item cases are built just past them. */
  limits?: DecodeLimits;
  /** Add frames that pass the schema but are hostile in meaning (flagged `schemaValid: true`). */
  includeSchemaValid?: boolean;
};

/** Every distinct case, in a fixed order: one per wrong value of every field, then the text cases. */
export function listHostileCases(options: HostileOptions = {}): HostileCase[] {
  const cases = [...TEXT_CASES, ...STRUCTURE_CASES, ...FIELD_SPECS.flatMap(fieldCases)];
  return options.includeSchemaValid ? [...cases, ...SCHEMA_VALID_CASES] : cases;
}

function fieldCases(spec: FieldSpec): HostileCase[] {
  const path = spec.path.split('.');
  return spec.values.map((bad) => ({
    name: `${spec.frame}.${spec.path} = ${bad.label}`,
    category: 'field',
    phase: spec.frame === 'hello' ? 'handshake' : 'session',
    build: (rng) => mutateFrame(baseAgentFrame(spec.frame, rng), path, bad.value, rng),
  }));
}

/**
 * `count` deterministic hostile agent frames for `seed`, each with the close code the gateway must
 * answer with. When `count` is at least the number of distinct cases, every case appears; further
 * rounds repeat them with other random choices (ids, which element is broken, cut positions).
 */
export function generateHostileFrames(count = 1000, seed = 1, options: HostileOptions = {}): HostileFrame[] {
  const cases = listHostileCases(options);
  const rng = createRandom(seed);
  const env: HostileEnv = {
    maxFrameBytes: options.limits?.maxFrameBytes ?? LIMITS.maxFrameBytes,
    maxItemsPerBatch: options.limits?.maxItemsPerBatch ?? LIMITS.maxItemsPerBatch,
    memo: new Map(),
  };
  const frames: HostileFrame[] = [];
  for (let i = 0; i < count; i++) {
    const index = count >= cases.length ? i % cases.length : Math.floor((i * cases.length) / count);
    const hostile = cases[index];
    if (!hostile) continue;
    frames.push(toFrame(hostile, hostile.build(rng, env), Math.floor(i / cases.length)));
  }
  return frames;
}

function toFrame(hostile: HostileCase, raw: string | Buffer, round: number): HostileFrame {
  const name = `${hostile.name} #${round}`;
  const base = { name, category: hostile.category, phase: hostile.phase ?? 'session', raw } as const;
  if (hostile.expectedCloseCode === null) return { ...base, schemaValid: true, expectedCloseCode: null };
  return {
    ...base,
    schemaValid: false,
    expectedCloseCode: hostile.expectedCloseCode ?? CLOSE_CODES.badFrame,
  };
}
