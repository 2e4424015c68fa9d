import { registryCredentialSealContext, type SecretBox } from '@berth/db/sql';
import type { RegistryLogin } from '@berth/protocol';
import { parseImageReference } from '@berth/registry';
import type pg from 'pg';

/** The registry an image reference names (`docker.io` when none); '' when it does not parse. */
export function registryOf(image: string): string {
  try {
    return parseImageReference(image).registry;
  } catch {
    return '';
  }
}

type Row = { id: string; registry: string; username: string; password_sealed: string };

/**
 * The organisation's credentials for these registries, opened for one `image_check` frame. A
 * credential that no longer opens (keys rotated away) is left out: the check then reports the
 * registry's refusal, which tells the admin to store it again.
 */
export async function loadRegistryLogins(
  client: pg.PoolClient,
  box: SecretBox,
  orgId: string,
  registries: readonly string[],
): Promise<RegistryLogin[]> {
  const wanted = [...new Set(registries.filter((registry) => registry !== ''))];
  if (wanted.length === 0) return [];
  const { rows } = await client.query<Row>(
    'SELECT id, registry, username, password_sealed FROM registry_credentials WHERE registry = ANY($1::text[])',
    [wanted],
  );
  return rows.flatMap((row) => {
    try {
      const password = box.open(row.password_sealed, registryCredentialSealContext({ orgId, id: row.id }));
      return [{ registry: row.registry, username: row.username, password }];
    } catch {
      return [];
    }
  });
}
