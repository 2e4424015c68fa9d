import { useMemo } from 'react';
import type { Unit } from '@/lib/chart-data';
import { formatValue } from '@/lib/format/format-value';
import styles from './chart.module.css';
import { seriesColor } from './chart-theme';
import { sparklinePath } from './sparkline-path';

type SparklineProps = {
  values: readonly (number | null)[];
  unit: Unit;
  /** What the values are, for the accessible name ("CPU"). */
  label: string;
  width?: number;
  height?: number;
  color?: string;
};

/** A tiny trend line for table cells (SVG, no axes); its name states the latest value. */
export function Sparkline({
  values,
  unit,
  label,
  width = 80,
  height = 22,
  color = seriesColor(0),
}: SparklineProps) {
  const path = useMemo(() => sparklinePath(values, width, height), [values, width, height]);
  let latest: number | null = null;
  for (let i = values.length - 1; i >= 0 && latest === null; i--) latest = values[i] ?? null;
  return (
    <svg
      className={styles.sparkline}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: latest ${formatValue(latest, unit)}`}
    >
      <path
        d={path}
        fill="none"
        stroke={color}
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
