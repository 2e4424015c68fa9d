/**
 * The parameters of WRITE_BATCH_ROWS, built column by column: each append pushes its values onto
 * one array per column (no row object, no row string), and `params` joins every column once into
 * a PostgreSQL array literal. node-postgres sends parameters as text and would quote and escape
 * every element of a JS array itself; numbers and plain tokens need neither, so the literals are
 * built here. Values must be schema-valid (finite numbers, safe integers): the gateway appends
 * what its frame schemas accepted.
 */
export class BatchColumns {
  private readonly hostIds: string[] = [];
  private readonly hostIndex = new Map<string, number>();
  // One array per column; each group's keys in WRITE_BATCH_ROWS' parameter order ($3 onwards).
  private readonly cs = {
    h: n(),
    c: t(),
    ts: t(),
    cpu: n(),
    mem: n(),
    lim: n(),
    rx: n(),
    tx: n(),
    br: n(),
    bw: n(),
    pids: n(),
    // NULL (the array literal's unquoted word) for agents that predate the field.
    cpus: orNull(),
  };
  private readonly hs = {
    h: n(),
    ts: t(),
    cpu: n(),
    l1: n(),
    l5: n(),
    l15: n(),
    mu: n(),
    mt: n(),
    su: n(),
    st: n(),
    du: n(),
    dt: n(),
    rx: n(),
    tx: n(),
    disks: t(),
  };
  private readonly ev = { h: n(), c: t(), ts: t(), action: t(), attributes: t(), count: n() };
  private readonly lg = {
    h: n(),
    c: t(),
    ts: t(),
    stream: t(),
    line: t(),
    dropped: n(),
    seq: n(),
    lineNo: n(),
  };
  private readonly gaps = { h: n(), from: n(), to: n() };
  private readonly marks = { h: n(), seq: n() };
  // The dirty-minute markers are computed in SQL from these (exactly as PostgreSQL reads each
  // time, nanoseconds and all), not from every sample row.
  private readonly sampled = { h: n(), ts: t() };
  readonly rows = { container_samples: 0, host_samples: 0, container_events: 0, container_logs: 0 };

  /** The 1-based position of a host in $2, which rows of this transaction name their host by. */
  host(hostId: string): number {
    let index = this.hostIndex.get(hostId);
    if (index === undefined) {
      this.hostIds.push(hostId);
      index = this.hostIds.length;
      this.hostIndex.set(hostId, index);
    }
    return index;
  }

  containerSample(host: number, s: ContainerSampleValues): void {
    const cs = this.cs;
    cs.h.push(host);
    cs.c.push(token(s.containerId));
    cs.ts.push(this.sampledAt(host, token(s.ts)));
    cs.cpu.push(s.cpuPct);
    cs.mem.push(s.memBytes);
    cs.lim.push(s.memLimit);
    cs.rx.push(s.netRx);
    cs.tx.push(s.netTx);
    cs.br.push(s.blkRead);
    cs.bw.push(s.blkWrite);
    cs.pids.push(s.pids);
    cs.cpus.push(s.cpuSeconds ?? 'NULL');
    this.rows.container_samples += 1;
  }

  /** Disk totals summed over the sample's disks; `disksJson`: the disks as JSON text (jsonField). */
  hostSample(
    host: number,
    s: HostSampleValues,
    diskUsed: number,
    diskTotal: number,
    disksJson: string,
  ): void {
    const hs = this.hs;
    hs.h.push(host);
    hs.ts.push(this.sampledAt(host, token(s.ts)));
    hs.cpu.push(s.cpuPct);
    hs.l1.push(s.load1);
    hs.l5.push(s.load5);
    hs.l15.push(s.load15);
    hs.mu.push(s.memUsed);
    hs.mt.push(s.memTotal);
    hs.su.push(s.swapUsed);
    hs.st.push(s.swapTotal);
    hs.du.push(diskUsed);
    hs.dt.push(diskTotal);
    hs.rx.push(s.netRx);
    hs.tx.push(s.netTx);
    hs.disks.push(quoted(disksJson));
    this.rows.host_samples += 1;
  }

  /** `attributesJson`: the attributes as JSON text (jsonField). */
  event(
    host: number,
    containerId: string,
    ts: string,
    action: string,
    attributesJson: string,
    count: number,
  ): void {
    const ev = this.ev;
    ev.h.push(host);
    ev.c.push(token(containerId));
    ev.ts.push(token(ts));
    ev.action.push(quoted(action));
    ev.attributes.push(quoted(attributesJson));
    ev.count.push(count);
    this.rows.container_events += 1;
  }

  /** A log line (`dropped` 0) or a marker of `dropped` lines (empty line); `lineNo` orders a batch's lines. */
  log(
    host: number,
    containerId: string,
    ts: string,
    stream: string,
    line: string,
    dropped: number,
    seq: number,
    lineNo: number,
  ): void {
    const lg = this.lg;
    lg.h.push(host);
    lg.c.push(token(containerId));
    lg.ts.push(token(ts));
    lg.stream.push(token(stream));
    lg.line.push(quoted(line));
    lg.dropped.push(dropped);
    lg.seq.push(seq);
    lg.lineNo.push(lineNo);
    this.rows.container_logs += 1;
  }

  /** Sequence numbers from..to (inclusive) of a host will never arrive. */
  gap(host: number, fromSeq: number, toSeq: number): void {
    this.gaps.h.push(host);
    this.gaps.from.push(fromSeq);
    this.gaps.to.push(toSeq);
  }

  /** The host's committed high-water mark becomes `seq`. */
  advance(host: number, seq: number): void {
    this.marks.h.push(host);
    this.marks.seq.push(seq);
  }

  private sampledAt(host: number, ts: string): string {
    const { h, ts: times } = this.sampled;
    const last = times.length - 1;
    if (last < 0 || times[last] !== ts || h[last] !== host) {
      h.push(host);
      times.push(ts);
    }
    return ts;
  }

  /** WRITE_BATCH_ROWS' parameters: $1 the organisation, $2 the hosts, then every column. */
  params(orgId: string): string[] {
    const params = [orgId, `{${this.hostIds.join(',')}}`];
    for (const group of [this.cs, this.hs, this.ev, this.lg, this.gaps, this.marks, this.sampled]) {
      for (const column of Object.values(group)) params.push(`{${column.join(',')}}`);
    }
    return params;
  }
}

const n = (): number[] => [];
const t = (): string[] => [];
const orNull = (): (number | 'NULL')[] => [];

/** The fields of a container sample that are stored (the protocol's ContainerSample has them). */
export type ContainerSampleValues = {
  containerId: string;
  ts: string;
  cpuPct: number;
  memBytes: number;
  memLimit: number;
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
  pids: number;
  /** Cumulative CPU seconds; absent from agents that predate the field (stored as NULL). */
  cpuSeconds?: number | undefined;
};

/** The scalar fields of a host sample that are stored (the protocol's HostSample has them). */
export type HostSampleValues = {
  ts: string;
  cpuPct: number;
  load1: number;
  load5: number;
  load15: number;
  memUsed: number;
  memTotal: number;
  swapUsed: number;
  swapTotal: number;
  netRx: number;
  netTx: number;
};

// An unquoted array element ends at a comma, brace or blank, and NULL would mean null: ids,
// timestamps and stream names the schemas accepted are none of these, anything else is quoted.
const TOKEN = /^[0-9A-Za-z:.+_-]+$/;
const NULL_WORD = /^null$/i;

function token(value: string): string {
  return TOKEN.test(value) && !NULL_WORD.test(value) ? value : quoted(value);
}

// Inside double quotes only `"` and `\` need a backslash. NUL cannot be stored in text or jsonb
// at all, so it becomes U+FFFD rather than failing the batch (as the COPY path did).
const NUL = String.fromCharCode(0);
const SPECIAL = new RegExp(`["\\\\${NUL}]`);
const SPECIAL_ALL = new RegExp(SPECIAL.source, 'g');

export function quoted(value: string): string {
  if (!SPECIAL.test(value)) return `"${value}"`;
  return `"${value.replace(SPECIAL_ALL, (char) => (char === NUL ? '\uFFFD' : `\\${char}`))}"`;
}
