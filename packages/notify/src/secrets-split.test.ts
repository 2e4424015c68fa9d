import { describe, expect, it } from 'vitest';
import {
  CHANNEL_KINDS,
  CHANNELS,
  describeChannel,
  splitSecrets,
  ZChannelConfigSchema,
} from './channels/index.js';

describe('secret fields', () => {
  it('every kind names its secret fields, and those fields exist in its schema', () => {
    expect(CHANNEL_KINDS.length).toBeGreaterThanOrEqual(12);
    for (const kind of CHANNEL_KINDS) {
      const definition = CHANNELS[kind];
      expect(definition.secretFields.length, kind).toBeGreaterThan(0);
      const shape = (definition.schema as unknown as { shape: Record<string, unknown> }).shape;
      for (const field of definition.secretFields) expect(shape, `${kind}.${field}`).toHaveProperty(field);
    }
  });

  it('split: the secrets apart, the rest (and the description) free of them', () => {
    const config = ZChannelConfigSchema.parse({
      kind: 'telegram',
      botToken: '123456789:AAAbbbCCCdddEEEfffGGGhhh_iiiJJJ',
      chatId: '@berth_ops',
    });
    const { visible, secrets } = splitSecrets(config);
    expect(secrets).toEqual({ botToken: '123456789:AAAbbbCCCdddEEEfffGGGhhh_iiiJJJ' });
    expect(visible).toEqual({ kind: 'telegram', chatId: '@berth_ops', apiUrl: 'https://api.telegram.org' });
    expect(ZChannelConfigSchema.parse({ ...visible, ...secrets })).toEqual(config);
    expect(describeChannel(config)).toBe('Telegram chat @berth_ops');
  });

  it('webhook descriptions show the host only, never the path', () => {
    const config = ZChannelConfigSchema.parse({
      kind: 'slack',
      webhookUrl: 'https://hooks.slack.com/services/T0/B0/XYZsecret',
    });
    expect(describeChannel(config)).toBe('Slack webhook on hooks.slack.com');
  });
});
