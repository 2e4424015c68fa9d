/** The stored fields of one check result (the protocol's ContainerCheckResult has them). */
export type CheckResultValues = {
  containerName: string;
  containerId?: string | undefined;
  name: string;
  kind?: string | undefined;
  ts: string;
  status: string;
  latencyMs: number;
  slow: boolean;
  statusCode?: number | undefined;
  certExpiresAt?: string | undefined;
  certExpiring: boolean;
  error?: string | undefined;
  target: string;
};

/**
 * The parameters of WRITE_CHECK_RESULTS, column by column (as BatchColumns does for the other
 * rows): each result pushes one element per column, `params` joins each column once into an
 * array literal. Absent optional values are NULL elements; text is always quoted.
 */
export class CheckResultColumns {
  private readonly hostIds: string[] = [];
  private readonly hostIndex = new Map<string, number>();
  private readonly columns = {
    h: n(),
    containerName: t(),
    containerId: t(),
    name: t(),
    kind: t(),
    ts: t(),
    status: t(),
    latency: n(),
    slow: t(),
    statusCode: t(),
    certExpiresAt: t(),
    certExpiring: t(),
    error: t(),
    target: t(),
  };
  count = 0;

  /** The 1-based position of a host in $2. */
  host(hostId: string): number {
    let index = this.hostIndex.get(hostId);
    if (index === undefined) {
      this.hostIds.push(hostId);
      index = this.hostIds.length;
      this.hostIndex.set(hostId, index);
    }
    return index;
  }

  result(host: number, r: CheckResultValues): void {
    const c = this.columns;
    c.h.push(host);
    c.containerName.push(quoted(r.containerName));
    c.containerId.push(r.containerId === undefined ? 'NULL' : quoted(r.containerId));
    c.name.push(quoted(r.name));
    c.kind.push(r.kind === undefined ? 'NULL' : quoted(r.kind));
    c.ts.push(quoted(r.ts));
    c.status.push(quoted(r.status));
    c.latency.push(r.latencyMs);
    c.slow.push(r.slow ? 't' : 'f');
    c.statusCode.push(r.statusCode === undefined ? 'NULL' : String(r.statusCode));
    c.certExpiresAt.push(r.certExpiresAt === undefined ? 'NULL' : quoted(r.certExpiresAt));
    c.certExpiring.push(r.certExpiring ? 't' : 'f');
    c.error.push(r.error === undefined ? 'NULL' : quoted(r.error));
    c.target.push(quoted(r.target));
    this.count += 1;
  }

  /** WRITE_CHECK_RESULTS' parameters: $1 the organisation, $2 the hosts, then every column. */
  params(orgId: string): string[] {
    const params = [orgId, `{${this.hostIds.join(',')}}`];
    for (const column of Object.values(this.columns)) params.push(`{${column.join(',')}}`);
    return params;
  }
}

const n = (): number[] => [];
const t = (): string[] => [];

// Inside double quotes only `"` and `\` need a backslash. NUL cannot be stored in text at all, so
// it becomes U+FFFD rather than failing the batch.
const NUL = String.fromCharCode(0);
const SPECIAL = new RegExp(`["\\\\${NUL}]`);
const SPECIAL_ALL = new RegExp(SPECIAL.source, 'g');

function quoted(value: string): string {
  if (!SPECIAL.test(value)) return `"${value}"`;
  return `"${value.replace(SPECIAL_ALL, (char) => (char === NUL ? '\uFFFD' : `\\${char}`))}"`;
}
