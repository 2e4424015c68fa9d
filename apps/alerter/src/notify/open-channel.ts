import { type ChannelConfig, ZChannelConfigSchema } from '@berth/api-contract';
import type { SecretBox } from '@berth/db/sql';

/** The AAD purpose the API seals channel secrets with: they open only on their own row and org. */
const PURPOSE = 'notification_channel';

export type ChannelRow = { id: string; org_id: string; kind: string; config: unknown; secrets: string };

/**
 * The whole channel config again — visible fields plus the sealed secrets, validated as when
 * stored — and the secret values, which every error recorded about the channel is redacted of.
 * Throws (a permanent failure for the caller) when the secrets do not open or no longer parse.
 */
export function openChannel(box: SecretBox, row: ChannelRow): { config: ChannelConfig; secrets: string[] } {
  const opened = JSON.parse(
    box.open(row.secrets, { orgId: row.org_id, purpose: PURPOSE, rowId: row.id }),
  ) as Record<string, unknown>;
  const parsed = ZChannelConfigSchema.safeParse({
    ...(row.config as Record<string, unknown>),
    ...opened,
    kind: row.kind,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `stored channel config is invalid at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    );
  }
  const secrets = Object.values(opened).flatMap((value) =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value).map(String)
        : [],
  );
  return { config: parsed.data, secrets };
}
