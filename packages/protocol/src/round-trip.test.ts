import { describe, expect, it } from 'vitest';
import { decodeAgentFrame, decodeGatewayFrame } from './decode-frame.js';
import { encodeFrame } from './encode-frame.js';
import {
  AGENT_FRAME_SCHEMAS,
  GATEWAY_FRAME_SCHEMAS,
  ZAgentFrameSchema,
  ZGatewayFrameSchema,
} from './schemas/frames.js';
import { makeAgentFrames, makeBatchFrame, makeGatewayFrames } from './testing/index.js';

describe('round trip (encode → decode → deep equal)', () => {
  it('covers every frame type in both directions', () => {
    const agentTypes = new Set(makeAgentFrames().map((frame) => frame.type));
    const gatewayTypes = new Set(makeGatewayFrames().map((frame) => frame.type));
    expect([...agentTypes].sort()).toEqual(Object.keys(AGENT_FRAME_SCHEMAS).sort());
    expect([...gatewayTypes].sort()).toEqual(Object.keys(GATEWAY_FRAME_SCHEMAS).sort());
  });

  it.each(makeAgentFrames().map((frame) => [frame.type, frame] as const))(
    'agent frame %s',
    (_type, frame) => {
      const text = encodeFrame(frame);
      expect(decodeAgentFrame(text)).toStrictEqual({ ok: true, frame });
      expect(decodeAgentFrame(Buffer.from(text))).toStrictEqual({ ok: true, frame });
      expect(ZAgentFrameSchema.parse(JSON.parse(text))).toStrictEqual(frame);
    },
  );

  it.each(makeGatewayFrames().map((frame) => [frame.type, frame] as const))(
    'gateway frame %s',
    (_type, frame) => {
      const text = encodeFrame(frame);
      expect(decodeGatewayFrame(text)).toStrictEqual({ ok: true, frame });
      expect(ZGatewayFrameSchema.parse(JSON.parse(text))).toStrictEqual(frame);
    },
  );

  it('keeps nanosecond log timestamps and byte counters up to 2^53 - 1 exactly', () => {
    const frame = makeBatchFrame({ containers: 1 });
    const sample = frame.containerSamples[0];
    if (!sample) throw new Error('factory made no sample');
    sample.netRx = Number.MAX_SAFE_INTEGER;
    const decoded = decodeAgentFrame(encodeFrame(frame));
    expect(decoded.ok && decoded.frame.type === 'batch' && decoded.frame.containerSamples[0]?.netRx).toBe(
      Number.MAX_SAFE_INTEGER,
    );
    expect(decoded.ok && decoded.frame.type === 'batch' && decoded.frame.logs[0]?.ts).toMatch(/\.\d{9}Z$/);
  });

  it('decodes batches of 0 to 200 containers from the factory', () => {
    for (const containers of [0, 1, 20, 200]) {
      const frame = makeBatchFrame({ seq: containers + 1, containers });
      expect(decodeAgentFrame(encodeFrame(frame))).toStrictEqual({ ok: true, frame });
    }
  });
});
