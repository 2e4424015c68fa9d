import { setTimeout as sleep } from 'node:timers/promises';
import { startPerfPhase } from '../shared/perf-profile.js';
import { readRssKb } from '../shared/read-rss.js';
import { runBounded } from '../shared/run-bounded.js';
import { openCpuWindow } from '../shared/sample-cpu.js';
import { IngestAgent, type IngestTotals } from './ingest-agent.js';
import type { AgentPlan, IngestPlan } from './plan-agents.js';

export type StreamResult = {
  rows: number;
  batches: number;
  seconds: number;
  cpuPerRow: number;
  pgCpuPerRow: number;
  /** Cores busy on average during the stream, per process group. */
  cores: Record<string, number>;
};

type StreamOptions = {
  url: string;
  adminUrl: string;
  gatewayPid: number;
  connectConcurrency: number;
  progressMs: number;
  /** Further processes whose CPU is shown on its own, e.g. `{ alerter: [pid] }`. */
  otherPids?: Record<string, number[]>;
  /** Called with each 'committed' ack (host, seq, performance.now() at arrival). */
  onCommitted?: IngestTotals['onCommitted'];
};

/**
 * Connects every agent (hello → welcome), then starts them all at once and waits for the
 * last ack. The clock runs from the first batch sent to the last 'committed' ack.
 */
export async function streamIngest(
  plan: Pick<IngestPlan, 'agents'>,
  options: StreamOptions,
): Promise<StreamResult> {
  const totals: IngestTotals = {
    batchesAcked: 0,
    rowsCommitted: 0,
    firstSendAt: 0,
    lastAckAt: 0,
    ...(options.onCommitted ? { onCommitted: options.onCommitted } : {}),
  };
  const connectStarted = performance.now();
  const retries = { count: 0 };
  const agents = await runBounded(plan.agents, options.connectConcurrency, (agentPlan) =>
    connectWithRetry(options.url, agentPlan, totals, retries),
  );
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  console.log(
    `  ${agents.length} agents connected in ${connectSeconds.toFixed(1)} s` +
      `${retries.count > 0 ? ` (${retries.count} hellos failed and were retried)` : ''}; streaming`,
  );
  const totalBatches = plan.agents.reduce((sum, agent) => sum + agent.rows.length, 0);
  const perf = await startPerfPhase('ingest');
  const cpu = openCpuWindow(options.adminUrl, [options.gatewayPid], options.otherPids);
  const progress = setInterval(
    () => printProgress(totals, totalBatches, options.gatewayPid),
    options.progressMs,
  );
  try {
    await Promise.all(agents.map((agent) => agent.start()));
  } finally {
    clearInterval(progress);
  }
  const used = cpu.finish(totals.rowsCommitted);
  console.log(`  CPU: ${used.text}`);
  await perf.finish(totals.rowsCommitted);
  // Sockets stay open: the caller stops the gateway, which closes them with 1012 (a clean
  // 1000 from a thousand agents at once would make it mark each host offline).
  const seconds = (totals.lastAckAt - totals.firstSendAt) / 1000;
  return {
    rows: totals.rowsCommitted,
    batches: totals.batchesAcked,
    seconds,
    cpuPerRow: used.totalPerUnit,
    pgCpuPerRow: used.pgPerUnit,
    cores: used.cores,
  };
}

/** Like a real agent, reconnects with backoff when the handshake fails (nothing was sent yet). */
async function connectWithRetry(
  url: string,
  agentPlan: AgentPlan,
  totals: IngestTotals,
  retries: { count: number },
): Promise<IngestAgent> {
  for (let attempt = 1; ; attempt += 1) {
    const agent = new IngestAgent(url, agentPlan, totals);
    try {
      await agent.ready;
      return agent;
    } catch (error) {
      if (attempt >= 5) throw error;
      retries.count += 1;
      await sleep(250 * 2 ** attempt);
    }
  }
}

function printProgress(totals: IngestTotals, totalBatches: number, gatewayPid: number): void {
  const elapsed = (performance.now() - totals.firstSendAt) / 1000;
  const rate = Math.round(totals.rowsCommitted / elapsed);
  const rssMb = Math.round(readRssKb(gatewayPid) / 1024);
  console.log(
    `  [${elapsed.toFixed(1)} s] batches acked ${totals.batchesAcked}/${totalBatches}, ` +
      `rows ${totals.rowsCommitted}, ${rate} rows/s so far, gateway RSS ${rssMb} MB`,
  );
}
