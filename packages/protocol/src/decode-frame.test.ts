import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES, toCloseReason } from './close-codes.js';
import { decodeAgentFrame, decodeGatewayFrame } from './decode-frame.js';
import { encodeFrame } from './encode-frame.js';
import { LIMITS } from './limits.js';
import { makeActionFrame, makeBatchFrame, makeHelloFrame, makePingFrame } from './testing/index.js';

const reasonOf = (result: { ok: true } | { ok: false; reason: string }) =>
  result.ok ? 'accepted' : result.reason;

describe('frame size', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('rejects a 5 MiB frame without parsing it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const huge = `{"type":"ping","ts":1,"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`;
    const results = [decodeAgentFrame(huge), decodeAgentFrame(Buffer.from(huge)), decodeGatewayFrame(huge)];
    expect(parse).not.toHaveBeenCalled();
    for (const result of results) {
      expect(result).toEqual({
        ok: false,
        closeCode: 4000,
        reason: 'frame: larger than maxFrameBytes (4194304)',
      });
    }
  });

  it('counts UTF-8 bytes, not UTF-16 units, before parsing', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const euros = `{"type":"ping","ts":1,"pad":"${'€'.repeat(LIMITS.maxFrameBytes / 3)}"}`;
    expect(euros.length).toBeLessThan(LIMITS.maxFrameBytes);
    expect(decodeAgentFrame(euros)).toMatchObject({ ok: false, closeCode: 4000 });
    expect(parse).not.toHaveBeenCalled();
  });

  it('accepts a frame of exactly maxFrameBytes and honours a lower configured limit', () => {
    const head = '{"type":"ping","ts":1,"pad":"';
    const exact = `${head}${'x'.repeat(LIMITS.maxFrameBytes - head.length - 2)}"}`;
    expect(Buffer.byteLength(exact)).toBe(LIMITS.maxFrameBytes);
    expect(decodeAgentFrame(exact).ok).toBe(true);
    const batch = encodeFrame(makeBatchFrame({ containers: 5 }));
    expect(decodeAgentFrame(batch, { maxFrameBytes: 1024 })).toMatchObject({
      ok: false,
      reason: 'frame: larger than maxFrameBytes (1024)',
    });
  });
});

describe('item limit', () => {
  it('counts items over all arrays of a batch against the configured limit', () => {
    const batch = makeBatchFrame({ containers: 4, logLinesPerContainer: 1, events: 1 });
    // 4 samples + 1 host sample + 4 inventory + 1 event + 5 log entries + 2 health = 17
    expect(decodeAgentFrame(encodeFrame(batch), { maxItemsPerBatch: 17 }).ok).toBe(true);
    expect(decodeAgentFrame(encodeFrame(batch), { maxItemsPerBatch: 16 })).toEqual({
      ok: false,
      closeCode: 4000,
      reason: 'batch: 17 items exceed maxItemsPerBatch (16)',
    });
  });

  it('refuses an over-long array before validating its items', () => {
    const junk = {
      ...makeBatchFrame({ containers: 0 }),
      hostSamples: [],
      events: new Array(LIMITS.maxItemsPerBatch + 1).fill('junk'),
    };
    expect(reasonOf(decodeAgentFrame(JSON.stringify(junk)))).toBe(
      'batch: 20001 items exceed maxItemsPerBatch (20000)',
    );
  });
});

describe('envelope', () => {
  it.each([
    ['', 'frame: not valid JSON'],
    ['{"type":"ping","ts":1,}', 'frame: not valid JSON'],
    ['{"type":"ping","ts":NaN}', 'frame: not valid JSON'],
    ['[]', 'frame: expected a JSON object'],
    ['null', 'frame: expected a JSON object'],
    ['{"ts":1}', 'type: expected a string'],
    ['{"type":"shell","ts":1}', 'type: unknown frame type "shell"'],
    ['{"type":"constructor"}', 'type: unknown frame type "constructor"'],
    ['{"type":"__proto__"}', 'type: unknown frame type "__proto__"'],
    ['{"type":"ack","seq":1,"status":"committed"}', 'type: "ack" is only sent by the gateway'],
  ])('refuses %j with 4000', (raw, reason) => {
    const result = decodeAgentFrame(raw);
    expect(result).toMatchObject({ ok: false, closeCode: CLOSE_CODES.badFrame });
    expect(reasonOf(result).startsWith(reason)).toBe(true);
  });

  it('refuses invalid UTF-8 in a Buffer and accepts a plain Uint8Array', () => {
    expect(reasonOf(decodeAgentFrame(Buffer.from([0x7b, 0xff, 0x7d])))).toBe('frame: not valid UTF-8');
    expect(decodeAgentFrame(new TextEncoder().encode(encodeFrame(makePingFrame(9))))).toEqual({
      ok: true,
      frame: { type: 'ping', ts: 9 },
    });
  });
});

describe('protocol version', () => {
  it.each([2, 3, 99, 2 ** 31])(
    'closes with 4002 for protocol %d, whatever else the hello holds',
    (version) => {
      const full = decodeAgentFrame(JSON.stringify({ ...makeHelloFrame(), protocol: version }));
      const bare = decodeAgentFrame(`{"type":"hello","protocol":${version}}`);
      for (const result of [full, bare]) {
        expect(result).toEqual({
          ok: false,
          closeCode: CLOSE_CODES.versionUnsupported,
          reason: `hello.protocol: version ${version} is not supported (this side speaks 1)`,
        });
      }
    },
  );

  it.each(['"1"', '1.5', '0', '-1', 'null', '1e400'])(
    'treats protocol %s as a bad frame, not a version',
    (value) => {
      const text = JSON.stringify(makeHelloFrame()).replace('"protocol":1', `"protocol":${value}`);
      expect(decodeAgentFrame(text)).toMatchObject({ ok: false, closeCode: CLOSE_CODES.badFrame });
    },
  );
});

describe('reasons name the field', () => {
  it('gives the path and the problem of the first issue', () => {
    const broken = JSON.parse(encodeFrame(makeBatchFrame({ containers: 5 })));
    broken.containerSamples[3].cpuPct = 'high';
    expect(reasonOf(decodeAgentFrame(JSON.stringify(broken)))).toBe(
      'batch.containerSamples[3].cpuPct: expected number, received string',
    );
  });

  it('quotes keys that are not identifiers and counts further issues', () => {
    const broken = JSON.parse(encodeFrame(makeBatchFrame({ containers: 2 })));
    broken.inventory.containers[1].labels['com.docker.compose.service'] = 7;
    broken.seq = 0;
    expect(reasonOf(decodeAgentFrame(JSON.stringify(broken)))).toBe(
      'batch.seq: Too small: expected number to be >=1 (and 1 more)',
    );
    broken.seq = 1;
    expect(reasonOf(decodeAgentFrame(JSON.stringify(broken)))).toBe(
      'batch.inventory.containers[1].labels["com.docker.compose.service"]: expected string, received number',
    );
  });

  it('explains a log entry by the form it was meant to have', () => {
    const broken = JSON.parse(encodeFrame(makeBatchFrame({ containers: 1 })));
    broken.logs[0].line = 42;
    expect(reasonOf(decodeAgentFrame(JSON.stringify(broken)))).toBe(
      'batch.logs[0].line: expected string, received number',
    );
    broken.logs[0].line = 'ok';
    broken.logs[0].dropped = 2;
    expect(reasonOf(decodeAgentFrame(JSON.stringify(broken)))).toBe(
      'batch.logs[0].dropped: line and dropped exclude each other',
    );
  });

  it('keeps reasons short when keys are huge', () => {
    const broken = JSON.parse(encodeFrame(makeBatchFrame({ containers: 1 })));
    broken.inventory.containers[0].labels = { ['k'.repeat(100_000)]: 1 };
    expect(reasonOf(decodeAgentFrame(JSON.stringify(broken))).length).toBeLessThanOrEqual(300);
  });
});

describe('decodeGatewayFrame', () => {
  it('returns the action id of an action it refuses, so the agent can answer rejected', () => {
    const action = { ...makeActionFrame(), verb: 'format_disk' };
    expect(decodeGatewayFrame(JSON.stringify(action))).toMatchObject({
      ok: false,
      closeCode: 4000,
      actionId: makeActionFrame().id,
    });
    const noId = decodeGatewayFrame(JSON.stringify({ ...action, id: 'x' }));
    expect(noId.ok || noId.actionId).toBeUndefined();
  });

  it('refuses frames only an agent sends', () => {
    expect(reasonOf(decodeGatewayFrame(encodeFrame(makeHelloFrame())))).toBe(
      'type: "hello" is only sent by the agent',
    );
  });
});

describe('toCloseReason', () => {
  it('fits 123 bytes of UTF-8 without splitting a character', () => {
    const short = 'batch.seq: Too small';
    expect(toCloseReason(short)).toBe(short);
    for (const text of ['x'.repeat(500), '€'.repeat(100), '😀'.repeat(60)]) {
      const reason = toCloseReason(text);
      expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
      expect(reason.endsWith('...')).toBe(true);
      expect(reason).not.toContain('\uFFFD');
    }
  });
});
