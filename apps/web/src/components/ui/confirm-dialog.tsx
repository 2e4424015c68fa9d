'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Button } from './button';
import styles from './dialog.module.css';

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Called on Cancel, Escape or a click on the backdrop. */
  onCancel: () => void;
  /** Omit to make Confirm a submit button of the surrounding form. */
  onConfirm?: () => void;
  danger?: boolean;
  pending?: boolean;
  /** The affirmative button; "Confirm" unless the dialog is a small form ("Save"). */
  confirmLabel?: string;
};

/**
 * A modal question before something that cannot be undone. The native <dialog> gives the
 * focus trap, Escape and inert background.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  onCancel,
  onConfirm,
  danger,
  pending,
  confirmLabel = 'Confirm',
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // showModal focuses the first control: Cancel, so Enter never destroys.
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    // Escape already closes it (onCancel); the click is only the mouse's way out via the backdrop.
    // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard users have Escape and the Cancel button
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onCancel();
      }}
    >
      <div className={styles.body}>
        <h2 id={titleId} className={styles.title}>
          {title}
        </h2>
        <div className={styles.content}>{children}</div>
        <div className={styles.actions}>
          <Button onClick={onCancel}>Cancel</Button>
          <Button
            type={onConfirm ? 'button' : 'submit'}
            variant={danger ? 'danger' : 'primary'}
            onClick={onConfirm}
            disabled={pending}
          >
            {confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
