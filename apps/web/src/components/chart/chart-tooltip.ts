import type uPlot from 'uplot';
import type { Unit } from '@/lib/chart-data';
import { formatDateTime } from '@/lib/format/format-time';
import { formatValue } from '@/lib/format/format-value';

export type TooltipSeries = { name: string; unit: Unit; color: string };

type TooltipClasses = Record<
  'tooltip' | 'tooltipTime' | 'tooltipRow' | 'tooltipName' | 'tooltipValue' | 'swatch',
  string
>;

const GAP = 14;

/**
 * A uPlot plugin: a box beside the cursor with the time and every visible series' value.
 * Built with DOM calls and `textContent` only, updated imperatively (no React render per
 * mouse move).
 */
export function tooltipPlugin(
  series: () => TooltipSeries[],
  timeZone: string,
  classes: TooltipClasses,
): uPlot.Plugin {
  let tip: HTMLDivElement | null = null;
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = classes.tooltip;
        tip.hidden = true;
        tip.setAttribute('role', 'presentation');
        u.over.appendChild(tip);
      },
      setCursor: (u) => {
        if (!tip) return;
        const idx = u.cursor.idx;
        const left = u.cursor.left ?? -1;
        const ts = idx === null || idx === undefined ? undefined : u.data[0][idx];
        if (ts === undefined || left < 0) {
          tip.hidden = true;
          return;
        }
        render(tip, u, idx ?? 0, ts, series(), timeZone, classes);
        place(tip, u, left, u.cursor.top ?? 0);
      },
      destroy: () => {
        tip?.remove();
        tip = null;
      },
    },
  };
}

function render(
  tip: HTMLDivElement,
  u: uPlot,
  idx: number,
  ts: number,
  series: TooltipSeries[],
  timeZone: string,
  classes: TooltipClasses,
): void {
  const rows: HTMLElement[] = [];
  const time = document.createElement('div');
  time.className = classes.tooltipTime;
  time.textContent = formatDateTime(ts, timeZone);
  rows.push(time);
  series.forEach((entry, index) => {
    if (!u.series[index + 1]?.show) return;
    const row = document.createElement('div');
    row.className = classes.tooltipRow;
    const swatch = document.createElement('span');
    swatch.className = classes.swatch;
    swatch.style.background = entry.color;
    const name = document.createElement('span');
    name.className = classes.tooltipName;
    name.textContent = entry.name;
    const value = document.createElement('span');
    value.className = classes.tooltipValue;
    const raw = u.data[index + 1]?.[idx];
    value.textContent = formatValue(raw ?? null, entry.unit);
    row.append(swatch, name, value);
    rows.push(row);
  });
  tip.replaceChildren(...rows);
  tip.hidden = false;
}

function place(tip: HTMLDivElement, u: uPlot, left: number, top: number): void {
  const width = tip.offsetWidth;
  const height = tip.offsetHeight;
  const plotWidth = u.over.clientWidth;
  const plotHeight = u.over.clientHeight;
  const x = left + GAP + width > plotWidth ? Math.max(0, left - GAP - width) : left + GAP;
  const y = Math.min(Math.max(0, top - height / 2), Math.max(0, plotHeight - height));
  tip.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  tip.style.left = '0';
  tip.style.top = '0';
}
