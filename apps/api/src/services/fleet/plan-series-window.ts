import type { Resolution, SeriesWindow } from '@berth/db/queries';
import { AppError } from '@berth/http';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

/** Most points a chart series returns; wider ranges are binned further (date_bin in SQL). */
export const MAX_POINTS = 2000;

/**
 * Automatic choice by the requested range: raw samples up to 6 hours, 1-minute rollups up to
 * 3 days, 1-hour rollups beyond. An explicit `resolution=` may be asked for up to the table's
 * retention (raw 7 days, 1-minute 30 days, 1-hour 400 days).
 */
export const RESOLUTIONS: Record<
  Resolution,
  { autoUpToMs: number; maxRangeMs: number; nativeSeconds: number }
> = {
  raw: { autoUpToMs: 6 * HOUR, maxRangeMs: 7 * DAY, nativeSeconds: 1 },
  '1m': { autoUpToMs: 3 * DAY, maxRangeMs: 30 * DAY, nativeSeconds: 60 },
  '1h': { autoUpToMs: Number.POSITIVE_INFINITY, maxRangeMs: 400 * DAY, nativeSeconds: 3600 },
};

export type SeriesRequest = {
  from: Date;
  to: Date;
  stepSeconds?: number | undefined;
  resolution?: Resolution | undefined;
};

export type PlannedWindow = SeriesWindow & { requestedFrom: Date };

export function chooseResolution(rangeMs: number): Resolution {
  if (rangeMs <= RESOLUTIONS.raw.autoUpToMs) return 'raw';
  if (rangeMs <= RESOLUTIONS['1m'].autoUpToMs) return '1m';
  return '1h';
}

/** Bin widths that read well on a time axis (seconds); beyond a day, whole days. */
const NICE_STEPS = [
  1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200,
];

/** The smallest nice width ≥ `wanted` that is a whole multiple of the resolution's own step. */
function niceStep(wanted: number, native: number): number {
  const nice = NICE_STEPS.find((step) => step >= wanted && step >= native && step % native === 0);
  return nice ?? Math.ceil(wanted / 86_400) * 86_400;
}

/**
 * Bins are at least the asked `step`, the resolution's own step, and range / (MAX_POINTS − 1),
 * rounded up to a nice width and aligned to the epoch, so the window spans at most MAX_POINTS
 * bins. `from` moves back to the start of its bin.
 */
export function planSeriesWindow(
  request: SeriesRequest,
  resolutions: typeof RESOLUTIONS = RESOLUTIONS,
): PlannedWindow {
  const rangeMs = request.to.getTime() - request.from.getTime();
  const resolution = request.resolution ?? chooseResolution(rangeMs);
  const limits = resolutions[resolution];
  if (rangeMs > limits.maxRangeMs) {
    throw new AppError(
      'bad_request',
      `resolution ${resolution} serves ranges up to ${limits.maxRangeMs / DAY} days`,
      {
        issues: [
          { field: 'resolution', message: `at most ${limits.maxRangeMs / DAY} days for ${resolution}` },
        ],
      },
    );
  }
  const wanted = Math.max(request.stepSeconds ?? 0, Math.ceil(rangeMs / SECOND / (MAX_POINTS - 1)));
  const binSeconds = niceStep(wanted, limits.nativeSeconds);
  const binMs = binSeconds * SECOND;
  const from = new Date(Math.floor(request.from.getTime() / binMs) * binMs);
  return { resolution, from, to: request.to, binSeconds, requestedFrom: request.from };
}
