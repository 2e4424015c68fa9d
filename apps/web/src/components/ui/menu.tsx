'use client';

import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import styles from './menu.module.css';

type MenuProps = {
  /** Renders the trigger; spread the props onto a <button>. */
  trigger: (props: TriggerProps) => ReactNode;
  label: string;
  align?: 'start' | 'end';
  /** Opens above the trigger (menus at the bottom of the sidebar). */
  up?: boolean;
  children: ReactNode;
};

export type TriggerProps = {
  id: string;
  'aria-haspopup': 'menu';
  'aria-expanded': boolean;
  'aria-controls': string;
  onClick: () => void;
  onKeyDown: (event: React.KeyboardEvent) => void;
  ref: React.RefObject<HTMLButtonElement | null>;
};

const ITEM_SELECTOR = '[role="menuitem"],[role="menuitemradio"]';

/**
 * A menu button (WAI-ARIA pattern): Enter/Space/↓ open it on the first item, ↑/↓/Home/End
 * move, Escape or Tab close it and return focus, a click outside closes it.
 */
export function Menu({ trigger, label, align = 'start', up = false, children }: MenuProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const items = useCallback(
    () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? []),
    [],
  );
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) triggerRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open, items, close]);

  function onMenuKeyDown(event: React.KeyboardEvent) {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const focusAt = (next: number) => list[(next + list.length) % list.length]?.focus();
    if (event.key === 'ArrowDown') focusAt(index + 1);
    else if (event.key === 'ArrowUp') focusAt(index - 1);
    else if (event.key === 'Home') focusAt(0);
    else if (event.key === 'End') focusAt(list.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') close(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  }

  const triggerProps: TriggerProps = {
    id: `${id}-trigger`,
    'aria-haspopup': 'menu',
    'aria-expanded': open,
    'aria-controls': `${id}-menu`,
    onClick: () => setOpen((value) => !value),
    onKeyDown: (event) => {
      if (event.key === 'ArrowDown' && !open) {
        event.preventDefault();
        setOpen(true);
      }
    },
    ref: triggerRef,
  };

  return (
    <div ref={rootRef} className={styles.root}>
      {trigger(triggerProps)}
      <div
        ref={menuRef}
        id={`${id}-menu`}
        role="menu"
        aria-label={label}
        hidden={!open}
        tabIndex={-1}
        onKeyDown={onMenuKeyDown}
        onClick={(event) => {
          if ((event.target as HTMLElement).closest(ITEM_SELECTOR)) close(false);
        }}
        className={[styles.menu, align === 'end' ? styles.alignEnd : styles.alignStart, up && styles.openUp]
          .filter(Boolean)
          .join(' ')}
      >
        {children}
      </div>
    </div>
  );
}

export const menuStyles = styles;
