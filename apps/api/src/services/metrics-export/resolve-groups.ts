import type { Tx } from '@berth/db';
import { AppError } from '@berth/http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?group=` values (ids or names) to group ids of the caller's org; an unknown one is a 404. */
export async function resolveGroups(tx: Tx, orgId: string, refs: readonly string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const ids = refs.filter((ref) => UUID.test(ref));
  const groups = await tx.containerGroup.findMany({
    where: { orgId, OR: [{ id: { in: ids } }, { name: { in: [...refs] } }] },
    select: { id: true, name: true },
  });
  const unknown = refs.find(
    (ref) => !groups.some((group) => group.id === ref.toLowerCase() || group.name === ref),
  );
  if (unknown !== undefined)
    throw new AppError('not_found', `group: no container group "${unknown}" (by id or name)`);
  return groups.map((group) => group.id);
}
