import type { ButtonHTMLAttributes } from 'react';
import styles from './ui.module.css';

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'small' | 'medium';
  block?: boolean;
  /** Square button with only an icon; `aria-label` is then required by the caller. */
  iconOnly?: boolean;
};

export function buttonClass({
  variant = 'secondary',
  size = 'medium',
  block = false,
  iconOnly = false,
}: Pick<ButtonProps, 'variant' | 'size' | 'block' | 'iconOnly'>): string {
  return [
    styles.button,
    variant === 'primary' && styles.primary,
    variant === 'ghost' && styles.ghost,
    variant === 'danger' && styles.danger,
    size === 'small' && styles.small,
    block && styles.block,
    iconOnly && styles.iconOnly,
  ]
    .filter(Boolean)
    .join(' ');
}

export function Button({ variant, size, block, iconOnly, className, type = 'button', ...rest }: ButtonProps) {
  const classes = [buttonClass({ variant, size, block, iconOnly }), className].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...rest} />;
}
