import {
  CHANNEL_KIND_NAMES,
  CHANNEL_KINDS,
  splitChannelSecrets,
  ZChannelConfigSchema,
} from '@berth/api-contract';
import { describe, expect, it } from 'vitest';
import { CHANNELS, describeChannel } from './channels/index.js';

describe('secret fields', () => {
  it('every kind names its secret fields, and those fields exist in its schema', () => {
    expect(CHANNEL_KIND_NAMES.length).toBeGreaterThanOrEqual(12);
    const schemas = new Map(
      ZChannelConfigSchema.options.map((option) => [option.shape.kind.value, option.shape]),
    );
    for (const kind of CHANNEL_KIND_NAMES) {
      expect(CHANNELS[kind].kind, kind).toBe(kind);
      const { secretFields } = CHANNEL_KINDS[kind];
      expect(secretFields.length, kind).toBeGreaterThan(0);
      for (const field of secretFields) expect(schemas.get(kind), `${kind}.${field}`).toHaveProperty(field);
    }
  });

  it('split: the secrets apart, the rest (and the description) free of them', () => {
    const config = ZChannelConfigSchema.parse({
      kind: 'telegram',
      botToken: '123456789:AAAbbbCCCdddEEEfffGGGhhh_iiiJJJ',
      chatId: '@berth_ops',
    });
    const { visible, secrets } = splitChannelSecrets(config);
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
