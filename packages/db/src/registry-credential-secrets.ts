import type { SealContext } from './sealed-secrets.js';

/**
 * A registry credential's password is sealed for its own row of its own organisation: copied
 * into another row or organisation it does not open. The API seals, the gateway opens (to put
 * it into an `image_check` frame for the host that checks that registry).
 */
export function registryCredentialSealContext(row: { orgId: string; id: string }): SealContext {
  return { orgId: row.orgId, purpose: 'registry_credential', rowId: row.id };
}
