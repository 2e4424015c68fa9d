/**
 * How far a `docker pull` got, from the engine's progress lines (`{"id": layer, "status":
 * "Downloading", "progressDetail": {"current", "total"}}`…). Each layer counts equally:
 * downloading is its first 80 %, extracting the rest (extracting is local and quick, the
 * download is what people wait for). Layers already present count as done.
 */
export class PullProgress {
  readonly #layers = new Map<string, number>();

  /** Reads one progress line; returns the pull's percent (0–100), or null before any layer is known. */
  read(line: string): number | null {
    const parsed = parseLine(line);
    if (parsed?.id && LAYER_STATUSES.some((status) => parsed.status.startsWith(status))) {
      this.#layers.set(parsed.id, Math.max(this.#layers.get(parsed.id) ?? 0, layerShare(parsed)));
    }
    return this.percent();
  }

  percent(): number | null {
    if (this.#layers.size === 0) return null;
    const done = [...this.#layers.values()].reduce((sum, share) => sum + share, 0);
    return Math.floor((done / this.#layers.size) * 100);
  }
}

type ProgressLine = { id?: string; status: string; current?: number; total?: number };

/** Statuses that speak about one layer (others — "Digest: …", "Status: …" — about the image). */
const LAYER_STATUSES = [
  'Pulling fs layer',
  'Waiting',
  'Downloading',
  'Verifying Checksum',
  'Download complete',
  'Extracting',
  'Pull complete',
  'Already exists',
];

function layerShare(line: ProgressLine): number {
  const fraction = line.total && line.current !== undefined ? Math.min(line.current / line.total, 1) : 0;
  if (line.status.startsWith('Downloading')) return 0.8 * fraction;
  if (line.status.startsWith('Verifying') || line.status.startsWith('Download complete')) return 0.8;
  if (line.status.startsWith('Extracting')) return 0.8 + 0.2 * fraction;
  if (line.status.startsWith('Pull complete') || line.status.startsWith('Already exists')) return 1;
  return 0;
}

function parseLine(line: string): ProgressLine | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  if (typeof record.status !== 'string') return null;
  const detail = (typeof record.progressDetail === 'object' && record.progressDetail) || {};
  const { current, total } = detail as Record<string, unknown>;
  return {
    status: record.status,
    ...(typeof record.id === 'string' ? { id: record.id } : {}),
    ...(typeof current === 'number' ? { current } : {}),
    ...(typeof total === 'number' ? { total } : {}),
  };
}
