import { describe, expect, it } from 'vitest';
import { decodeAgentFrame, decodeGatewayFrame } from '../decode-frame.js';
import { encodeFrame } from '../encode-frame.js';
import {
  makeExecAckFrame,
  makeExecOpenFrame,
  makeExecStdinFrame,
  makeExecStdoutFrame,
  makeHelloFrame,
} from '../testing/index.js';
import { MAX_EXEC_CHUNK_BYTES } from './exec.js';
import { ZHelloFrameSchema } from './handshake.js';

describe('exec frames', () => {
  it('carry arbitrary bytes as base64, up to 64 KiB per frame', () => {
    const bytes = Buffer.alloc(MAX_EXEC_CHUNK_BYTES, 0xff);
    const frame = makeExecStdoutFrame({ data: bytes.toString('base64') });
    const decoded = decodeAgentFrame(encodeFrame(frame));
    expect(
      decoded.ok && decoded.frame.type === 'exec_stdout' && Buffer.from(decoded.frame.data, 'base64'),
    ).toEqual(bytes);
    const over = makeExecStdoutFrame({ data: Buffer.alloc(MAX_EXEC_CHUNK_BYTES + 3).toString('base64') });
    expect(decodeAgentFrame(encodeFrame(over))).toMatchObject({ ok: false, closeCode: 4000 });
  });

  it('refuse data that is not base64, naming the field', () => {
    const decoded = decodeGatewayFrame(encodeFrame(makeExecStdinFrame({ data: 'echo hi' })));
    expect(decoded).toMatchObject({ ok: false, closeCode: 4000 });
    expect(!decoded.ok && decoded.reason).toContain('data');
  });

  it('refuse an open without a command, with an empty argument or an absurd size', () => {
    for (const bad of [{ cmd: [] }, { cmd: [''] }, { cols: 0 }, { rows: 1001 }, { user: '' }]) {
      const decoded = decodeGatewayFrame(encodeFrame(makeExecOpenFrame(bad)));
      expect(decoded.ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('are one-directional: an agent may not send exec_open or exec_ack, a gateway not exec_stdout', () => {
    expect(decodeAgentFrame(encodeFrame(makeExecOpenFrame()))).toMatchObject({ ok: false });
    expect(decodeAgentFrame(encodeFrame(makeExecAckFrame()))).toMatchObject({ ok: false });
    expect(decodeGatewayFrame(encodeFrame(makeExecStdoutFrame()))).toMatchObject({ ok: false });
  });

  it('ack with a cumulative byte count, never negative', () => {
    expect(decodeGatewayFrame(encodeFrame(makeExecAckFrame({ consumed: -1 })))).toMatchObject({ ok: false });
    expect(decodeGatewayFrame(encodeFrame(makeExecAckFrame({ consumed: 2 ** 40 })))).toMatchObject({
      ok: true,
    });
  });

  it('the exec capability is known in hello (an older gateway drops it, as any unknown one)', () => {
    const hello = ZHelloFrameSchema.parse(makeHelloFrame({ capabilities: ['actions', 'exec'] }));
    expect(hello.capabilities).toEqual(['actions', 'exec']);
  });
});
