import { type ChannelConfig, splitChannelSecrets, ZChannelConfigSchema } from '@berth/api-contract';
import { SealedSecretError, type SecretBox } from '@berth/db';
import { AppError, parseInput } from '@berth/http';

/** The AAD purpose of a channel's sealed secrets: they open only on this row of this org. */
const PURPOSE = 'notification_channel';

export type StoredChannel = {
  id: string;
  orgId: string;
  kind: string;
  config: unknown;
  secrets: string;
};

/** The config split for storage: visible fields as they are, secret fields sealed to the row. */
export function sealChannelConfig(
  box: SecretBox,
  row: { id: string; orgId: string },
  config: ChannelConfig,
): { visible: Record<string, unknown>; sealed: string; secretFields: string[] } {
  const { visible, secrets } = splitChannelSecrets(config);
  return {
    visible,
    sealed: box.seal(JSON.stringify(secrets), { orgId: row.orgId, purpose: PURPOSE, rowId: row.id }),
    secretFields: Object.keys(secrets),
  };
}

/**
 * A value that does not open here — keys changed without keeping the old one in SECRETS_KEYS, or
 * a ciphertext copied from another row — is a 409 that says what to do, not a 500.
 */
export function openChannelSecrets(box: SecretBox, row: StoredChannel): Record<string, unknown> {
  try {
    return JSON.parse(box.open(row.secrets, { orgId: row.orgId, purpose: PURPOSE, rowId: row.id }));
  } catch (error) {
    if (!(error instanceof SealedSecretError)) throw error;
    throw new AppError(
      'conflict',
      `the channel's secrets cannot be opened (${error.message}): enter them again, or restore the key in SECRETS_KEYS`,
    );
  }
}

/** The whole config again, validated as when it was stored (a stored channel stays sendable). */
export function openChannelConfig(box: SecretBox, row: StoredChannel): ChannelConfig {
  return parseInput(
    ZChannelConfigSchema,
    { ...(row.config as Record<string, unknown>), ...openChannelSecrets(box, row), kind: row.kind },
    'stored channel',
  );
}
