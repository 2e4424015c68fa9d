import type { CSSProperties } from 'react';
import styles from './ui.module.css';

/** A shimmering placeholder; hidden from assistive tech (the region says "Loading" instead). */
export function Skeleton({
  width = '100%',
  height = 14,
  style,
}: {
  width?: number | string;
  height?: number | string;
  style?: CSSProperties;
}) {
  return <span aria-hidden="true" className={styles.skeleton} style={{ width, height, ...style }} />;
}
