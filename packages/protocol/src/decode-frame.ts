import * as z from 'zod/mini';
import { CLOSE_CODES } from './close-codes.js';
import type { DecodeFailure, DecodeResult } from './decode-result.js';
import { describeIssues } from './describe-issues.js';
import { type DecodeLimits, LIMITS } from './limits.js';
import { badFrame, isPlainRecord, parseFrameJson } from './parse-frame-json.js';
import {
  AGENT_FRAME_SCHEMAS,
  type AgentFrame,
  GATEWAY_FRAME_SCHEMAS,
  type GatewayFrame,
} from './schemas/frames.js';
import { ZUuidSchema } from './schemas/primitives.js';
import { PROTOCOL_VERSION } from './version.js';

type FrameTable<F> = {
  get(type: string): z.ZodMiniType<F> | undefined;
  has(type: string): boolean;
};

/**
 * Each frame's validator is compiled on first use (zod's generated validators are several times
 * faster on the valid path), not at import: a process compiles only the side it decodes, and an
 * agent never pays for the gateway's `hello` and `batch` validators.
 */
function compileTable<F>(schemas: Readonly<Record<string, z.ZodMiniType<F>>>): FrameTable<F> {
  // A Map, not an object: a `type` of "constructor" or "__proto__" must not find anything.
  const raw = new Map(Object.entries(schemas));
  const compiled = new Map<string, z.ZodMiniType<F>>();
  return {
    has: (type) => raw.has(type),
    get: (type) => {
      const done = compiled.get(type);
      if (done) return done;
      const schema = raw.get(type);
      if (!schema) return undefined;
      const fast = z.compile(schema);
      compiled.set(type, fast);
      return fast;
    },
  };
}

const agentTable = compileTable<AgentFrame>(AGENT_FRAME_SCHEMAS);
const gatewayTable = compileTable<GatewayFrame>(GATEWAY_FRAME_SCHEMAS);

/**
 * Validates one frame received by the gateway. Never throws. Order: byte size, UTF-8, JSON,
 * `type`, hello's protocol version (4002), item count, schema (4000).
 */
export function decodeAgentFrame(raw: string | Uint8Array, limits?: DecodeLimits): DecodeResult<AgentFrame> {
  const parsed = parseFrameJson(raw, limits?.maxFrameBytes ?? LIMITS.maxFrameBytes);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const found = findSchema(agentTable, gatewayTable, value.type, 'gateway');
  if (!found.ok) return found;
  const refusal =
    checkProtocolVersion(found.type, value) ??
    checkItemCount(found.type, value, limits?.maxItemsPerBatch ?? LIMITS.maxItemsPerBatch);
  if (refusal) return refusal;
  return validate(found.schema, found.type, value);
}

/** Validates one frame received by the agent. Never throws. */
export function decodeGatewayFrame(
  raw: string | Uint8Array,
  limits?: DecodeLimits,
): DecodeResult<GatewayFrame> {
  const parsed = parseFrameJson(raw, limits?.maxFrameBytes ?? LIMITS.maxFrameBytes);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const found = findSchema(gatewayTable, agentTable, value.type, 'agent');
  if (!found.ok) return found;
  const result = validate(found.schema, found.type, value);
  if (result.ok || found.type !== 'action') return result;
  const id = ZUuidSchema.safeParse(value.id);
  return id.success ? { ...result, actionId: id.data } : result;
}

type Found<F> = { ok: true; type: string; schema: z.ZodMiniType<F> } | DecodeFailure;

function findSchema<F>(
  own: FrameTable<F>,
  other: FrameTable<unknown>,
  type: unknown,
  otherSide: string,
): Found<F> {
  if (typeof type !== 'string') return badFrame('type: expected a string');
  const schema = own.get(type);
  if (schema) return { ok: true, type, schema };
  const shown = JSON.stringify(type.slice(0, 40));
  if (other.has(type)) return badFrame(`type: ${shown} is only sent by the ${otherSide}`);
  return badFrame(`type: unknown frame type ${shown}`);
}

/** A hello for another version may look entirely different, so this runs before the schema. */
function checkProtocolVersion(type: string, value: Record<string, unknown>): DecodeFailure | undefined {
  if (type !== 'hello') return undefined;
  const version = value.protocol;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) return undefined;
  if (version === PROTOCOL_VERSION) return undefined;
  return {
    ok: false,
    closeCode: CLOSE_CODES.versionUnsupported,
    reason: `hello.protocol: version ${String(version)} is not supported (this side speaks ${PROTOCOL_VERSION})`,
  };
}

/** Counted on the raw arrays before validation, so an oversized batch is not validated item by item. */
function checkItemCount(
  type: string,
  value: Record<string, unknown>,
  max: number,
): DecodeFailure | undefined {
  let items = 0;
  if (type === 'batch') {
    const inventory = isPlainRecord(value.inventory) ? value.inventory : {};
    const { containerSamples, hostSamples, events, logs, health, checkResults } = value;
    for (const list of [containerSamples, hostSamples, events, logs, health, checkResults]) {
      items += lengthOf(list);
    }
    items += lengthOf(inventory.containers) + lengthOf(inventory.removed);
    // Columns of unequal length are refused by the schema; counted here by the longest.
    for (const columns of [value.containerSampleColumns, value.logColumns]) {
      if (!isPlainRecord(columns)) continue;
      let longest = 0;
      for (const column of Object.values(columns)) longest = Math.max(longest, lengthOf(column));
      items += longest;
    }
  } else if (type === 'log_lines') {
    items = lengthOf(value.lines);
  } else {
    return undefined;
  }
  return items > max ? badFrame(`${type}: ${items} items exceed maxItemsPerBatch (${max})`) : undefined;
}

function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function validate<F>(schema: z.ZodMiniType<F>, type: string, value: unknown): DecodeResult<F> {
  try {
    const result = schema.safeParse(value);
    if (result.success) return { ok: true, frame: result.data };
    return badFrame(describeIssues(type, result.error.issues));
  } catch {
    // Defensive: a validator must never take the socket's event loop down with it.
    return badFrame(`${type}: could not be validated`);
  }
}
