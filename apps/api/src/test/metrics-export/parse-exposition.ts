/** One sample line of an exposition, labels unescaped. */
export type ParsedSample = {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
};

export type ParsedExposition = {
  samples: ParsedSample[];
  /** `# TYPE` lines: family name → type. */
  types: Map<string, string>;
  help: Map<string, string>;
};

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)(?: (\S+))?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;

/**
 * A strict reader of the text formats, for assertions: every line must be a comment, a sample
 * or (OpenMetrics) the final `# EOF`; label values are unescaped as Prometheus does.
 */
export function parseExposition(body: string): ParsedExposition {
  const parsed: ParsedExposition = { samples: [], types: new Map(), help: new Map() };
  for (const line of body.split('\n')) {
    if (line === '' || line === '# EOF') continue;
    const comment = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (comment) {
      (comment[1] === 'TYPE' ? parsed.types : parsed.help).set(comment[2] as string, comment[3] as string);
      continue;
    }
    const match = LINE.exec(line);
    if (!match) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    parsed.samples.push({
      name: match[1] as string,
      labels: parseLabels(match[2] ?? ''),
      value: Number(match[3]),
      ...(match[4] === undefined ? {} : { timestamp: Number(match[4]) }),
    });
  }
  return parsed;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  if (text === '') return labels;
  const inner = text.slice(1, -1);
  LABEL.lastIndex = 0;
  let consumed = 0;
  for (let match = LABEL.exec(inner); match; match = LABEL.exec(inner)) {
    labels[match[1] as string] = (match[2] as string).replace(/\\(.)/g, (_, char: string) =>
      char === 'n' ? '\n' : char,
    );
    consumed = LABEL.lastIndex;
  }
  if (consumed !== inner.length) throw new Error(`bad label set: ${text}`);
  return labels;
}

/** The samples named `name` whose labels include `labels`. */
export function samplesOf(parsed: ParsedExposition, name: string, labels: Record<string, string> = {}) {
  return parsed.samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}
