import { BinaryArray, OID } from './binary-array.js';

/**
 * The parameters of WRITE_BATCH_ROWS, built column by column: each append writes its values into
 * one binary array per column (binary-array.ts: no row object, no per-value string, no array
 * literal for PostgreSQL to parse), and `params` hands each column over as one Buffer, which
 * node-postgres sends in binary format. Values are stored exactly as the text path stored them
 * (property-tested against it, write-batch-rows-binary.test.ts). Times are microseconds since the
 * Unix epoch (timestampMicros, rounded as PostgreSQL rounds text). Values must be schema-valid;
 * anything PostgreSQL's text input refused (an int4 overflow, a real that underflows) throws.
 */
export class BatchColumns {
  private readonly hostIds: string[] = [];
  private readonly hostIndex = new Map<string, number>();
  // One array per column; each group's keys in WRITE_BATCH_ROWS' parameter order ($3 onwards).
  private readonly cs = {
    h: int4(),
    c: text(),
    ts: times(),
    cpu: float4(),
    mem: int8(),
    lim: int8(),
    rx: int8(),
    tx: int8(),
    br: int8(),
    bw: int8(),
    pids: int4(),
    // NULL for agents that predate the field.
    cpus: float8(),
  };
  private readonly hs = {
    h: int4(),
    ts: times(),
    cpu: float4(),
    l1: float4(),
    l5: float4(),
    l15: float4(),
    mu: int8(),
    mt: int8(),
    su: int8(),
    st: int8(),
    du: int8(),
    dt: int8(),
    rx: int8(),
    tx: int8(),
    disks: jsonb(),
  };
  private readonly ev = {
    h: int4(),
    c: text(),
    ts: times(),
    action: text(),
    attributes: jsonb(),
    count: int4(),
  };
  private readonly lg = {
    h: int4(),
    c: text(),
    ts: times(),
    stream: text(),
    line: text(),
    dropped: int4(),
    seq: int8(),
    lineNo: int4(),
  };
  private readonly gaps = { h: int4(), from: int8(), to: int8() };
  private readonly marks = { h: int4(), seq: int8() };
  // The dirty-minute markers are computed in SQL from these, not from every sample row.
  private readonly sampled = { h: int4(), ts: times() };
  private lastHost = 0;
  private lastAt = Number.NaN;
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

  /** `at`: the sample's time in microseconds since the Unix epoch (timestampMicros of its ts). */
  containerSample(host: number, s: ContainerSampleValues, at: number): void {
    const cs = this.cs;
    cs.h.int4(host);
    cs.c.text(s.containerId);
    cs.ts.timestamptz(at);
    cs.cpu.float4(s.cpuPct);
    cs.mem.int8(s.memBytes);
    cs.lim.int8(s.memLimit);
    cs.rx.int8(s.netRx);
    cs.tx.int8(s.netTx);
    cs.br.int8(s.blkRead);
    cs.bw.int8(s.blkWrite);
    cs.pids.int4(s.pids);
    if (s.cpuSeconds === undefined) cs.cpus.null();
    else cs.cpus.float8(s.cpuSeconds);
    this.sampledAt(host, at);
    this.rows.container_samples += 1;
  }

  /**
   * Sample `i` of columnar container samples (the protocol's containerSampleColumns), straight
   * from its arrays: stored exactly as containerSample stores the same values as a row.
   */
  containerSampleColumn(host: number, s: ContainerSampleColumnValues, i: number, at: number): void {
    const cs = this.cs;
    cs.h.int4(host);
    cs.c.text(s.containerId[i] as string);
    cs.ts.timestamptz(at);
    cs.cpu.float4(s.cpuPct[i] as number);
    cs.mem.int8(s.memBytes[i] as number);
    cs.lim.int8(s.memLimit[i] as number);
    cs.rx.int8(s.netRx[i] as number);
    cs.tx.int8(s.netTx[i] as number);
    cs.br.int8(s.blkRead[i] as number);
    cs.bw.int8(s.blkWrite[i] as number);
    cs.pids.int4(s.pids[i] as number);
    const cpuSeconds = s.cpuSeconds?.[i];
    if (cpuSeconds === undefined || cpuSeconds === null) cs.cpus.null();
    else cs.cpus.float8(cpuSeconds);
    this.sampledAt(host, at);
    this.rows.container_samples += 1;
  }

  /** Disk totals summed over the sample's disks; `disksJson`: the disks as JSON text (jsonField). */
  hostSample(
    host: number,
    s: HostSampleValues,
    at: number,
    diskUsed: number,
    diskTotal: number,
    disksJson: string,
  ): void {
    const hs = this.hs;
    hs.h.int4(host);
    hs.ts.timestamptz(at);
    hs.cpu.float4(s.cpuPct);
    hs.l1.float4(s.load1);
    hs.l5.float4(s.load5);
    hs.l15.float4(s.load15);
    hs.mu.int8(s.memUsed);
    hs.mt.int8(s.memTotal);
    hs.su.int8(s.swapUsed);
    hs.st.int8(s.swapTotal);
    hs.du.int8(diskUsed);
    hs.dt.int8(diskTotal);
    hs.rx.int8(s.netRx);
    hs.tx.int8(s.netTx);
    hs.disks.jsonb(disksJson);
    this.sampledAt(host, at);
    this.rows.host_samples += 1;
  }

  /** `attributesJson`: the attributes as JSON text (jsonField); `at` as for samples. */
  event(
    host: number,
    containerId: string,
    at: number,
    action: string,
    attributesJson: string,
    count: number,
  ): void {
    const ev = this.ev;
    ev.h.int4(host);
    ev.c.text(containerId);
    ev.ts.timestamptz(at);
    ev.action.text(action);
    ev.attributes.jsonb(attributesJson);
    ev.count.int4(count);
    this.rows.container_events += 1;
  }

  /** A log line (`dropped` 0) or a marker of `dropped` lines (empty line); `lineNo` orders a batch's lines. */
  log(
    host: number,
    containerId: string,
    at: number,
    stream: string,
    line: string,
    dropped: number,
    seq: number,
    lineNo: number,
  ): void {
    const lg = this.lg;
    lg.h.int4(host);
    lg.c.text(containerId);
    lg.ts.timestamptz(at);
    lg.stream.text(stream);
    lg.line.text(line);
    lg.dropped.int4(dropped);
    lg.seq.int8(seq);
    lg.lineNo.int4(lineNo);
    this.rows.container_logs += 1;
  }

  /** Sequence numbers from..to (inclusive) of a host will never arrive. */
  gap(host: number, fromSeq: number, toSeq: number): void {
    this.gaps.h.int4(host);
    this.gaps.from.int8(fromSeq);
    this.gaps.to.int8(toSeq);
  }

  /** The host's committed high-water mark becomes `seq`. */
  advance(host: number, seq: number): void {
    this.marks.h.int4(host);
    this.marks.seq.int8(seq);
  }

  // A batch's samples mostly share one time: a repeat of the previous (host, time) is left out.
  private sampledAt(host: number, at: number): void {
    if (this.lastHost === host && this.lastAt === at) return;
    this.sampled.h.int4(host);
    this.sampled.ts.timestamptz(at);
    this.lastHost = host;
    this.lastAt = at;
  }

  /** WRITE_BATCH_ROWS' parameters: $1 the organisation, $2 the hosts (text), then every column (binary). */
  params(orgId: string): (string | Buffer)[] {
    const params: (string | Buffer)[] = [orgId, `{${this.hostIds.join(',')}}`];
    for (const group of [this.cs, this.hs, this.ev, this.lg, this.gaps, this.marks, this.sampled]) {
      for (const column of Object.values(group)) params.push(column.toBuffer());
    }
    return params;
  }
}

const int4 = () => new BinaryArray(OID.int4);
const int8 = () => new BinaryArray(OID.int8);
const float4 = () => new BinaryArray(OID.float4);
const float8 = () => new BinaryArray(OID.float8);
const text = () => new BinaryArray(OID.text);
const jsonb = () => new BinaryArray(OID.jsonb);
const times = () => new BinaryArray(OID.timestamptz);

/** The fields of a container sample that are stored (the protocol's ContainerSample has them). */
export type ContainerSampleValues = {
  containerId: string;
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

/** Container samples as equal-length columns (the protocol's ContainerSampleColumns has them). */
export type ContainerSampleColumnValues = {
  containerId: readonly string[];
  cpuPct: readonly number[];
  memBytes: readonly number[];
  memLimit: readonly number[];
  netRx: readonly number[];
  netTx: readonly number[];
  blkRead: readonly number[];
  blkWrite: readonly number[];
  pids: readonly number[];
  /** Null (or the whole column absent) where a sample has none: stored as NULL. */
  cpuSeconds?: readonly (number | null)[] | undefined;
};

/** The scalar fields of a host sample that are stored (the protocol's HostSample has them). */
export type HostSampleValues = {
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
