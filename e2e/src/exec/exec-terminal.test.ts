import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueSecret, withOrg } from '@berth/db';
import { runBusybox, type TestContainer } from '@berth/test-docker';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, fetchInPage, newPerson } from '../console/browser.js';
import { consolePasswordSignIn } from '../console/console-password-sign-in.js';
import { consolePrerequisites } from '../console/console-prerequisites.js';
import { startApiProcess } from '../console/start-api.js';
import { launchChromium, saveScreenshot as saveIn } from '../support/chromium.js';
import { artifactsDir } from '../support/console-env.js';
import { readE2eEnv } from '../support/e2e-env.js';
import { type FaultDatabase, machineDatabase } from '../support/fault-database.js';
import { freePort } from '../support/free-port.js';
import { killAllProcesses, type ManagedProcess } from '../support/managed-process.js';
import { agentHostId, agentStreaming, startAgent } from '../support/start-agent.js';
import { startConsole } from '../support/start-console.js';
import { startGateway } from '../support/start-gateway.js';
import { waitFor } from '../support/wait-for.js';

// An exec terminal through the whole of Berth: Chromium → the console → the API's socket → Redis
// → the gateway → the agent's socket (started with --allow-exec) → dockerd's exec → busybox.

const prerequisites = await consolePrerequisites();
const skipped = prerequisites.ok ? '' : ` (skipped: ${prerequisites.reason})`;
const SCREENSHOTS = artifactsDir('e2e-exec');
const saveScreenshot = (page: Page, name: string) => saveIn(page, SCREENSHOTS, name);
const REDIS_URL = 'redis://127.0.0.1:6379';
const AUTH_SECRET = 'e2e-exec-terminal-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
/** Short, so the idle test ends quickly; long enough for the typing steps between inputs. */
const IDLE_S = 8;

type ExecSessionItem = {
  command: string[];
  status: string;
  bytesIn: number;
  bytesOut: number;
  exitCode: number | null;
};

describe.skipIf(!prerequisites.ok)(`exec terminal in Chromium against a running Berth${skipped}`, () => {
  let dir: string;
  let database: FaultDatabase;
  let container: TestContainer;
  let browser: Browser;
  let webUrl: string;
  let apiUrl: string;
  let containerPath: string;
  let owner: Page;
  let ownerErrors: string[];
  let failed = false;
  let admin: pg.Client;
  let orgId = '';
  let api: ManagedProcess;
  let startApi: () => Promise<ManagedProcess>;
  const stamp = Date.now().toString(36);
  const ownerEmail = `exec-owner-${stamp}@example.test`;

  async function signUp(email: string, name: string): Promise<void> {
    const answer = await fetch(`${apiUrl}/api/v1/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, name, orgName: `${name}'s org` }),
    });
    expect(answer.status).toBe(201);
  }

  async function signedInPage(email: string): Promise<Page> {
    const signedIn = await consolePasswordSignIn(
      webUrl,
      { email, password: PASSWORD },
      { localAddress: '127.0.0.1' },
    );
    if (signedIn.outcome !== 'signed-in') throw new Error(`sign-in refused: ${signedIn.code}`);
    const { context, page } = await newPerson(browser, webUrl);
    const [name = '', value = ''] = signedIn.sessionCookie.split(/=(.*)/s);
    await context.addCookies([{ name, value, url: webUrl }]);
    return page;
  }

  /** The terminal's screen, one line per row (xterm's DOM renderer draws a div per row). */
  const terminalText = async (page: Page) =>
    (await page.locator('[data-testid="exec-terminal"] .xterm-rows > div').allTextContents())
      .map((row) => row.replace(/\u00a0/g, ' ').trimEnd())
      .join('\n');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'berth-e2e-exec-'));
    database = await machineDatabase();
    container = await runBusybox('sleep 3600', { name: `exec-${stamp}` });
    const [gatewayPort, apiPort, webPort] = [await freePort(), await freePort(), await freePort()];
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    apiUrl = `http://127.0.0.1:${apiPort}`;
    webUrl = `http://127.0.0.1:${webPort}`;
    await startGateway({
      databaseUrl: database.appUrl,
      port: gatewayPort,
      logDir: dir,
      name: 'gw-exec',
      env: { REDIS_URL, AUTH_SECRET },
    });
    startApi = () =>
      startApiProcess({
        databaseUrl: database.appUrl,
        redisUrl: REDIS_URL,
        authSecret: AUTH_SECRET,
        port: apiPort,
        consoleUrl: webUrl,
        gatewayUrl,
        logDir: dir,
        env: { EXEC_IDLE_TIMEOUT_S: String(IDLE_S) },
      });
    api = await startApi();
    await startConsole({
      port: webPort,
      logFile: path.join(dir, 'web.log'),
      env: {
        ...readE2eEnv().childBase,
        AUTH_SECRET,
        API_INTERNAL_URL: apiUrl,
        BERTH_PUBLIC_URL: webUrl,
        // `next start` cannot carry a WebSocket: the browser opens the terminal on the API itself.
        EXEC_SOCKET_URL: apiUrl,
      },
    });
    await signUp(ownerEmail, 'Olivia Owner');
    admin = new pg.Client({ connectionString: database.adminUrl });
    await admin.connect();
    orgId = String(
      (
        await admin.query(
          'SELECT m.org_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1',
          [ownerEmail],
        )
      ).rows[0]?.org_id,
    );
    // What "Add host" hands out, then the agent on this machine, opted in to exec.
    const token = issueSecret('enrol');
    await withOrg(database.db, orgId, (tx) =>
      tx.enrollmentToken.create({
        data: {
          orgId,
          name: 'exec',
          prefix: token.prefix,
          tokenHash: token.hash,
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      }),
    );
    const agent = await startAgent({
      server: gatewayUrl,
      token: token.secret,
      stateDir: path.join(dir, 'agent-state'),
      logDir: dir,
      name: 'agent',
      allowExec: true,
    });
    await agentStreaming(agent);
    const hostId = await agentHostId(agent);
    await waitFor(
      async () =>
        (
          await admin.query('SELECT 1 FROM containers WHERE host_id = $1 AND short_id = $2', [
            hostId,
            container.shortId,
          ])
        ).rowCount === 1,
      { what: 'the container in the host inventory' },
    );
    containerPath = `/hosts/${hostId}/containers/${container.shortId}`;
    browser = await launchChromium();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    failed = true;
    for (const page of browser.contexts().flatMap((context) => context.pages()))
      await saveScreenshot(page, `failed-${page.url().replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('opens a terminal on a busybox container, runs echo berth-$((1+1)) and sees berth-2', async () => {
    owner = await signedInPage(ownerEmail);
    ownerErrors = collectPageErrors(owner);
    await owner.goto(containerPath);
    const panel = owner.getByRole('region', { name: 'Terminal' });
    await expect.poll(() => panel.getByLabel('Command').inputValue()).toBe('/bin/sh');
    await panel.getByRole('button', { name: 'Terminal' }).click();
    await panel.getByRole('status').getByText('Connected').waitFor();
    await owner.locator('[data-testid="exec-terminal"] .xterm-screen').click();
    await owner.keyboard.type('echo berth-$((1+1))');
    await owner.keyboard.press('Enter');
    await expect.poll(() => terminalText(owner), { timeout: 15_000 }).toMatch(/^berth-2$/m);
    await saveScreenshot(owner, 'terminal');
  });

  it('resizes the container’s TTY with the terminal', async () => {
    const sizes = async () => (await terminalText(owner)).match(/^(\d+) (\d+)$/gm) ?? [];
    await owner.keyboard.type('stty size');
    await owner.keyboard.press('Enter');
    await expect.poll(async () => (await sizes()).length).toBe(1);
    const before = (await sizes())[0];
    await owner.setViewportSize({ width: 900, height: 700 });
    // The terminal refits to the new width (xterm's own size), then the TTY follows it.
    const cols = async () =>
      Number(await owner.locator('[data-testid="exec-terminal"]').getAttribute('data-cols'));
    await expect.poll(cols).toBeLessThan(Number(before?.split(' ')[1] ?? 0));
    await owner.keyboard.type('clear; stty size');
    await owner.keyboard.press('Enter');
    await expect.poll(async () => (await sizes()).at(-1)).not.toBe(before);
    const [rows, columns] = String((await sizes()).at(-1))
      .split(' ')
      .map(Number);
    expect(columns).toBeLessThan(Number(before?.split(' ')[1]));
    expect(rows).toBeGreaterThan(0);
  });

  it('closes the terminal after the idle timeout', async () => {
    const panel = owner.getByRole('region', { name: 'Terminal' });
    await panel
      .getByRole('status')
      .getByText(`closed after ${IDLE_S} s without input`, { exact: false })
      .waitFor({
        timeout: (IDLE_S + 10) * 1000,
      });
    await saveScreenshot(owner, 'terminal-idle-closed');
  });

  it('shows the sessions in the audit: who, which container, the command, bytes and the end', async () => {
    const sessions = await fetchInPage<{ items: ExecSessionItem[] }>(owner, '/api/v1/exec-sessions');
    expect(sessions.status).toBe(200);
    expect(sessions.body.items).toHaveLength(1);
    const [session] = sessions.body.items;
    expect(session).toMatchObject({ command: ['/bin/sh'], status: 'ended' });
    expect(session?.bytesIn).toBeGreaterThan('echo berth-$((1+1))'.length);
    expect(session?.bytesOut).toBeGreaterThan(0);
    const audit = await fetchInPage<{ items: { action: string; targetId: string }[] }>(
      owner,
      '/api/v1/audit-logs?action=exec.*',
    );
    expect(audit.body.items.map((entry) => entry.action).sort()).toEqual(['exec.close', 'exec.open']);
    expect(audit.body.items[0]?.targetId).toBe(
      containerPath.replace('/hosts/', '').replace('/containers/', '/'),
    );
    expect(ownerErrors).toEqual([]);
  });

  it('gives a viewer no terminal', async () => {
    const viewerEmail = `exec-viewer-${stamp}@example.test`;
    await signUp(viewerEmail, 'Victor Viewer');
    // Moved into the owner's organisation as a viewer (what accepting an invite leaves).
    await admin.query(
      `WITH u AS (SELECT id FROM users WHERE email = $1),
            gone AS (DELETE FROM memberships WHERE user_id = (SELECT id FROM u))
       INSERT INTO memberships (org_id, user_id, role) SELECT $2, id, 'viewer' FROM u`,
      [viewerEmail, orgId],
    );
    const viewer = await signedInPage(viewerEmail);
    await viewer.goto(containerPath);
    await viewer.getByRole('heading', { level: 1, name: container.name }).waitFor();
    expect(await viewer.getByRole('region', { name: 'Terminal' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Terminal' }).count()).toBe(0);
  });

  it('keeps what a killed API recorded: the session ends as api_restart with its transcript', async () => {
    await admin.query(
      `INSERT INTO exec_settings (org_id, record_transcripts) VALUES ($1, true)
       ON CONFLICT (org_id) DO UPDATE SET record_transcripts = true`,
      [orgId],
    );
    await owner.goto(containerPath);
    const panel = owner.getByRole('region', { name: 'Terminal' });
    await panel.getByRole('button', { name: 'Terminal' }).click();
    await panel.getByRole('status').getByText('Connected').waitFor();
    await owner.locator('[data-testid="exec-terminal"] .xterm-screen').click();
    await owner.keyboard.type('echo crash-$((3+4))');
    await owner.keyboard.press('Enter');
    await expect.poll(() => terminalText(owner), { timeout: 15_000 }).toMatch(/^crash-7$/m);
    // The output is in the database while the session runs, before anything ends it.
    const recorded = async () =>
      (
        await admin.query<{ text: string }>(
          `SELECT convert_from(string_agg(c.data, ''::bytea ORDER BY c.seq), 'UTF8') AS text
           FROM exec_transcript_chunks c JOIN exec_sessions s ON s.id = c.session_id
           WHERE s.org_id = $1 AND s.status = 'open'`,
          [orgId],
        )
      ).rows[0]?.text ?? '';
    await expect.poll(recorded).toMatch(/^crash-7\r?$/m);
    await api.kill();
    // What the sweep waits for (45 s without a heartbeat), stated instead of slept through.
    await admin.query(
      `UPDATE exec_sessions SET heartbeat_at = now() - interval '1 minute' WHERE org_id = $1 AND status = 'open'`,
      [orgId],
    );
    api = await startApi();
    const sessions = await fetchInPage<{ items: (ExecSessionItem & { id: string; endReason: string })[] }>(
      owner,
      '/api/v1/exec-sessions',
    );
    const [latest] = sessions.body.items;
    expect(latest).toMatchObject({ status: 'ended', endReason: 'api_restart' });
    expect(latest?.bytesOut).toBeGreaterThan(0);
    const transcript = await owner.evaluate(async (id) => {
      const answer = await fetch(`/api/v1/exec-sessions/${id}/transcript`);
      return { status: answer.status, text: await answer.text() };
    }, latest?.id ?? '');
    expect(transcript.status).toBe(200);
    expect(transcript.text).toMatch(/^crash-7\r?$/m);
  });

  it('lists the sessions on Settings → Exec and saves the switches there', async () => {
    await owner.goto('/settings/exec');
    const rows = owner.getByRole('table', { name: 'Exec sessions' }).getByTestId('exec-session-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('The API relaying the terminal stopped');
    expect(
      await rows
        .first()
        .getByRole('link', { name: /Download the transcript/ })
        .getAttribute('href'),
    ).toMatch(/^\/api\/v1\/exec-sessions\/[0-9a-f-]{36}\/transcript$/);
    expect(await rows.nth(1).textContent()).toContain(`Closed after ${IDLE_S} s without input.`);
    const form = owner.getByRole('form', { name: 'Exec settings' });
    expect(await form.getByLabel(/Record transcripts/).isChecked()).toBe(true);
    await form.getByLabel(/Operators may open terminals/).check();
    await form.getByLabel('Maximum duration (minutes)').fill('30');
    await form.getByRole('button', { name: 'Save exec settings' }).click();
    await form.getByText('Saved.').waitFor();
    const saved = await admin.query(
      'SELECT operators_allowed, record_transcripts, max_duration_s, idle_timeout_s FROM exec_settings WHERE org_id = $1',
      [orgId],
    );
    expect(saved.rows[0]).toEqual({
      operators_allowed: true,
      record_transcripts: true,
      max_duration_s: 1800,
      idle_timeout_s: null,
    });
    await saveScreenshot(owner, 'settings-exec');
  });

  afterAll(async () => {
    await browser?.close();
    await admin?.end();
    await killAllProcesses();
    await container?.remove();
    await database?.close();
    if (failed) console.warn(`[exec] logs kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  });
});
