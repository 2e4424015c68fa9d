import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withOrgClient } from '@berth/db/sql';
import { docker, dockerAvailability, ensureBusyboxImage, runBusybox } from '@berth/test-docker';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlerterWorld } from '../support/alerter-world.js';
import type { FaultRun } from '../support/fault-run.js';
import type { ManagedProcess } from '../support/managed-process.js';
import { agentHostId } from '../support/start-agent.js';

// The certificate path of a check with real parts (issue 16's TLS test): a loopback HTTPS server
// whose self-signed certificate `openssl req -x509 -days 2` made expires in two days; a busybox
// container's labels define a check of it; the real agent probes it and ships the run through a
// gateway process; the alerter (in this process, on Redis) fires the `check` rule on
// `cert_expiring`. The run must carry the certificate's own notAfter, to the second.
const SECRET = 'e2e-checks-tls-secret-0123456789abcdef012345';
const RUN_LABEL = 'berth.e2e.run';

const availability = await dockerAvailability();
const skipped = availability.ok ? '' : ` (skipped: ${availability.reason})`;

describe.skipIf(!availability.ok)(`an HTTPS check of a certificate that expires soon${skipped}`, () => {
  let run: FaultRun;
  let agent: ManagedProcess;
  let pool: pg.Pool;
  let tls: https.Server;
  let certDir: string;
  let notAfter: Date;

  beforeAll(async () => {
    certDir = mkdtempSync(path.join(tmpdir(), 'berth-e2e-tls-'));
    const [key, cert] = [path.join(certDir, 'key.pem'), path.join(certDir, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2']
        .concat(['-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'])
        .concat(['-keyout', key, '-out', cert]),
      { stdio: 'ignore' },
    );
    notAfter = new Date(new X509Certificate(readFileSync(cert)).validTo);
    tls = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) =>
      res.end('secure ok'),
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));

    ({ run, agent, pool } = await startAlerterWorld('checks-tls', SECRET));
  }, 120_000);

  afterAll(async () => {
    tls?.closeAllConnections();
    await new Promise((resolve) => (tls ? tls.close(resolve) : resolve(undefined)));
    await run?.cleanup({ keepLogs: false });
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  it('the run reports certExpiring with the certificate’s expiry, and the cert_expiring rule fires', async () => {
    const hostId = await agentHostId(agent);
    const name = `${run.runId}-edge`;
    const ruleId = await withOrgClient(pool, run.orgId, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO alert_rules (org_id, name, kind, params, scope, severity, group_wait_s, group_interval_s)
         VALUES ($1, 'certificate', 'check', '{"on":"cert_expiring"}', $2, 'warning', 0, 0) RETURNING id`,
        [run.orgId, JSON.stringify({ containerName: name })],
      );
      return rows[0]?.id;
    });
    const { port } = tls.address() as AddressInfo;
    // On the host network: the agent checks a container only where it has an address (a stopped
    // or network-less one is reported down), and the target is the host's loopback server.
    const labels = {
      [RUN_LABEL]: run.runId,
      'berth.check.tls.http': `https://127.0.0.1:${port}/`,
      'berth.check.tls.tls_skip_verify': 'true',
      'berth.check.tls.interval': '10s',
    };
    await ensureBusyboxImage();
    await runBusybox('exec sleep 3600', { network: 'host', name, labels });
    run.onCleanup(() => docker('rm', '-f', name));

    const newestRun = () =>
      withOrgClient(pool, run.orgId, async (client) => {
        const { rows } = await client.query<{
          status: string;
          status_code: number;
          cert_expiring: boolean;
          cert_expires_at: Date;
          host_id: string;
        }>(
          `SELECT status, status_code, cert_expiring, cert_expires_at, host_id, error FROM check_results
           WHERE container_name = $1 AND check_name = 'tls' ORDER BY ts DESC LIMIT 1`,
          [name],
        );
        return rows[0] ?? null;
      });
    await expect.poll(newestRun, { timeout: 60_000, interval: 500 }).not.toBeNull();
    const stored = await newestRun();
    expect(stored).toMatchObject({ status: 'up', status_code: 200, cert_expiring: true, host_id: hostId });
    expect(stored?.cert_expires_at.toISOString()).toBe(notAfter.toISOString());

    const alerts = () =>
      withOrgClient(pool, run.orgId, async (client) => {
        const { rows } = await client.query<{ state: string; summary: string; value: number | null }>(
          'SELECT state, summary, value FROM alerts WHERE rule_id = $1',
          [ruleId],
        );
        return rows;
      });
    await expect
      .poll(async () => (await alerts()).map((a) => a.state), { timeout: 30_000 })
      .toEqual(['firing']);
    const [alert] = await alerts();
    // openssl's -days 2 counts from now: a little under two whole days are left.
    expect(alert?.summary).toBe(
      `Check tls of ${name} on ${await hostName(hostId)}: certificate expires in 1 day`,
    );
    expect(alert?.value).toBe(1);
  });

  async function hostName(hostId: string): Promise<string> {
    return withOrgClient(pool, run.orgId, async (client) => {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM hosts WHERE id = $1', [hostId]);
      return rows[0]?.name ?? '';
    });
  }
});
