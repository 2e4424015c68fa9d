import Link from 'next/link';
import type { GroupChip as Chip } from '@/lib/api/container-groups';
import styles from './groups.module.css';

/** A group's name beside a dot of its colour; a link to the group's page unless `link` is false. */
export function GroupChip({ group, link = true }: { group: Chip; link?: boolean }) {
  const body = (
    <>
      <span className={styles.dot} style={{ background: group.colour }} aria-hidden="true" />
      {group.name}
    </>
  );
  return link ? (
    <Link className={styles.chip} href={`/groups/${encodeURIComponent(group.id)}`} prefetch={false}>
      {body}
    </Link>
  ) : (
    <span className={styles.chip}>{body}</span>
  );
}

/** Several chips in a row (nothing when there are none). */
export function GroupChips({ groups }: { groups: readonly Chip[] }) {
  if (groups.length === 0) return null;
  return (
    <span className={styles.chips}>
      {groups.map((group) => (
        <GroupChip key={group.id} group={group} />
      ))}
    </span>
  );
}
