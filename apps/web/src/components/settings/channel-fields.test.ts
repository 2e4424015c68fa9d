import { CHANNEL_KIND_NAMES, CHANNEL_KINDS, ZChannelConfigSchema } from '@berth/api-contract';
import { describe, expect, it } from 'vitest';
import { CHANNEL_FORM_FIELDS, channelConfigFromForm } from './channel-fields';

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

describe('channel forms', () => {
  it('every kind asks for every field of its schema, secret fields included', () => {
    const shapes = new Map(
      ZChannelConfigSchema.options.map((o) => [o.shape.kind.value, Object.keys(o.shape)]),
    );
    for (const kind of CHANNEL_KIND_NAMES) {
      const asked = CHANNEL_FORM_FIELDS[kind].map((field) => field.name).sort();
      expect(asked, kind).toEqual((shapes.get(kind) ?? []).filter((name) => name !== 'kind').sort());
      for (const secret of CHANNEL_KINDS[kind].secretFields) expect(asked, kind).toContain(secret);
    }
  });

  it('shapes what people type into a config the API accepts', () => {
    const email = channelConfigFromForm(
      'email',
      form({ to: 'ops@example.com\n oncall@example.com, ', smtpUrl: '' }),
    );
    expect(email).toEqual({ kind: 'email', to: ['ops@example.com', 'oncall@example.com'] });
    expect(ZChannelConfigSchema.safeParse(email).success).toBe(true);
    const hook = channelConfigFromForm(
      'webhook',
      form({ url: 'https://example.com/h', headers: 'Authorization: Bearer x:y\nX-Team: ops' }),
    );
    expect(hook).toEqual({
      kind: 'webhook',
      url: 'https://example.com/h',
      headers: { Authorization: 'Bearer x:y', 'X-Team': 'ops' },
    });
    const telegram = channelConfigFromForm(
      'telegram',
      form({ botToken: ' 1:x ', chatId: '@ops', messageThreadId: '7' }),
    );
    expect(telegram).toEqual({ kind: 'telegram', botToken: '1:x', chatId: '@ops', messageThreadId: 7 });
  });
});
