'use client';

import type { UpdatePolicy } from '@berth/api-contract';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import styles from './updates.module.css';

/** An outdated container the Updates page may update in bulk. */
export type BulkCandidate = {
  hostId: string;
  containerId: string;
  name: string;
  hostName: string;
  image: string;
  policy: UpdatePolicy;
  policyReason: string;
};

export const candidateKey = (c: { hostId: string; containerId: string }) => `${c.hostId}/${c.containerId}`;

/** Every policy but `block` may be applied from here; `warn` only after the dialog names it. */
export const isAllowed = (candidate: BulkCandidate) => candidate.policy !== 'block';

type BulkSelection = {
  candidates: readonly BulkCandidate[];
  selected: ReadonlySet<string>;
  toggle: (key: string, on: boolean) => void;
  select: (keys: readonly string[]) => void;
  clear: () => void;
};

const BulkSelectionContext = createContext<BulkSelection | null>(null);

export function useBulkSelection(): BulkSelection {
  const selection = useContext(BulkSelectionContext);
  if (!selection) throw new Error('useBulkSelection outside BulkSelectionProvider');
  return selection;
}

/** The selection of the page's outdated containers, shared by the rows' boxes and the apply bar. */
export function BulkSelectionProvider({
  candidates,
  children,
}: {
  candidates: readonly BulkCandidate[];
  children: ReactNode;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const value = useMemo<BulkSelection>(() => {
    const allowed = new Set(candidates.filter(isAllowed).map(candidateKey));
    return {
      candidates,
      selected,
      toggle: (key, on) =>
        setSelected((current) => {
          const next = new Set(current);
          if (on && allowed.has(key)) next.add(key);
          else next.delete(key);
          return next;
        }),
      select: (keys) =>
        setSelected((current) => new Set([...current, ...keys.filter((key) => allowed.has(key))])),
      clear: () => setSelected(new Set()),
    };
  }, [candidates, selected]);
  return <BulkSelectionContext.Provider value={value}>{children}</BulkSelectionContext.Provider>;
}

/** One outdated container's box; a blocked one is disabled and says why. */
export function BulkSelectBox({ candidate }: { candidate: BulkCandidate }) {
  const { selected, toggle } = useBulkSelection();
  const key = candidateKey(candidate);
  if (!isAllowed(candidate))
    return (
      <small className={styles.refusal}> — cannot be updated: blocked by {candidate.policyReason}</small>
    );
  return (
    <input
      type="checkbox"
      className={styles.select}
      aria-label={`Select ${candidate.name} on ${candidate.hostName}`}
      checked={selected.has(key)}
      onChange={(event) => toggle(key, event.target.checked)}
    />
  );
}

/** "Select all allowed" of one reference's outdated containers (`image`), or of the page (none). */
export function SelectAllowedButton({ image }: { image?: string }) {
  const { candidates, select } = useBulkSelection();
  const keys = candidates
    .filter((c) => isAllowed(c) && (image === undefined || c.image === image))
    .map(candidateKey);
  if (keys.length === 0) return null;
  return (
    <Button
      size="small"
      variant="secondary"
      onClick={() => select(keys)}
      aria-label={image === undefined ? 'Select all allowed' : `Select all allowed on ${image}`}
    >
      Select all allowed
    </Button>
  );
}
