import { type Receiver, startReceiver } from '@berth/notify/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestAlerter, type TestAlerter } from './test/alerter-harness.js';
import { type Fixtures, fixtures } from './test/fixtures.js';

let t: TestAlerter;
let f: Fixtures;
let receiver: Receiver | undefined;

beforeAll(async () => {
  t = await startTestAlerter({ settings: { passMs: 0 } });
  f = fixtures(t.database);
});
afterAll(async () => {
  await t?.stop();
});
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

const LOCAL = `sha256:${'a'.repeat(64)}`;
const REMOTE = `sha256:${'b'.repeat(64)}`;

type Check = {
  status: 'up_to_date' | 'update_available' | 'error';
  remoteDigest?: string | null;
  newest?: { patch?: string; minor?: string; major?: string };
};

/** A container on `image` holding the LOCAL digest, as the gateway stores the agent's inventory. */
async function containerOn(orgId: string, hostId: string, name: string, image: string): Promise<string> {
  const shortId = await f.container(orgId, hostId, { name });
  await f.inOrg(orgId, (c) =>
    c.query(
      `UPDATE containers SET image = $3, image_platform = 'linux/amd64', repo_digests = $4
        WHERE host_id = $1 AND short_id = $2`,
      [hostId, shortId, image, [`${image.split(':')[0]}@${LOCAL}`]],
    ),
  );
  return shortId;
}

/** The reference's latest check as the gateway writes it back. */
async function checked(orgId: string, image: string, check: Check): Promise<void> {
  await f.inOrg(orgId, (c) =>
    c.query(
      `INSERT INTO image_update_checks (org_id, image, platform, status, remote_digest, checked_digests, newest_patch,
                                        newest_minor, newest_major, checked_at, next_check_at)
       VALUES ($1, $2, 'linux/amd64', $3, $4, $5, $6, $7, $8, $9, $9::timestamptz + interval '6 hours')
       ON CONFLICT (org_id, image, platform) DO UPDATE SET status = EXCLUDED.status,
         remote_digest = EXCLUDED.remote_digest, checked_digests = EXCLUDED.checked_digests,
         newest_patch = EXCLUDED.newest_patch, newest_minor = EXCLUDED.newest_minor,
         newest_major = EXCLUDED.newest_major, checked_at = EXCLUDED.checked_at`,
      [
        orgId,
        image,
        check.status,
        check.remoteDigest === undefined
          ? check.status === 'up_to_date'
            ? LOCAL
            : REMOTE
          : check.remoteDigest,
        [LOCAL],
        check.newest?.patch ?? null,
        check.newest?.minor ?? null,
        check.newest?.major ?? null,
        t.clock.now(),
      ],
    ),
  );
}

describe('update available rules', () => {
  it('three outdated containers fire three alerts and ONE notification listing them all; they resolve once updated', async () => {
    receiver = await startReceiver();
    const { orgId, hostId } = await f.org();
    const other = await f.host(orgId, { name: 'edge-2' });
    const channelId = await f.webhook(orgId, `${receiver.url}/hook`);
    const ruleId = await f.rule(orgId, {
      kind: 'image_update',
      params: {},
      channelIds: [channelId],
      groupBy: ['rule'],
      groupWaitS: 30,
      groupIntervalS: 300,
    });
    await containerOn(orgId, hostId, 'web', 'nginx:1.27');
    await containerOn(orgId, hostId, 'cache', 'redis:7.2.4');
    await containerOn(orgId, other, 'api', 'ghcr.io/acme/api:latest');
    await containerOn(orgId, other, 'db', 'postgres:16.4');
    await checked(orgId, 'nginx:1.27', { status: 'update_available', newest: { minor: '1.28' } });
    await checked(orgId, 'redis:7.2.4', { status: 'up_to_date', newest: { patch: '7.2.5' } });
    await checked(orgId, 'ghcr.io/acme/api:latest', { status: 'update_available' });
    await checked(orgId, 'postgres:16.4', { status: 'up_to_date' });

    const fired = await t.alerter.evaluate(orgId, null);
    expect(fired.map((x) => [x.alert.container_name, x.to]).sort()).toEqual([
      ['api', 'firing'],
      ['cache', 'firing'],
      ['web', 'firing'],
    ]);
    const summaries = Object.fromEntries(fired.map((x) => [x.alert.container_name, x.alert.summary]));
    expect(summaries.web).toBe(
      `web on host-${orgId.slice(0, 6)} runs nginx:1.27: update available (minor 1.28)`,
    );
    expect(summaries.api).toBe(
      'api on edge-2 runs ghcr.io/acme/api:latest: update available (a newer build of the same tag)',
    );
    expect((await f.alerts(orgId, ruleId)).map((a) => a.labels.update).sort()).toEqual([
      'digest',
      'minor',
      'patch',
    ]);

    t.clock.advance(30_000);
    expect(await t.alerter.flush()).toHaveLength(1);
    expect((await t.alerter.deliver()).map((d) => d.state)).toEqual(['sent']);
    expect(receiver.requests).toHaveLength(1);
    const body = receiver.last().json();
    expect(body.status).toBe('firing');
    expect(
      body.alerts.map((a: { labels: { container: string; image: string } }) => a.labels.image).sort(),
    ).toEqual(['ghcr.io/acme/api:latest', 'nginx:1.27', 'redis:7.2.4']);

    // The updates land (the registry now has what they run): the alerts resolve.
    t.clock.advance(60_000);
    await checked(orgId, 'nginx:1.27', { status: 'up_to_date' });
    await checked(orgId, 'redis:7.2.4', { status: 'up_to_date' });
    await checked(orgId, 'ghcr.io/acme/api:latest', { status: 'up_to_date' });
    const resolved = await t.alerter.evaluate(orgId, null);
    expect(resolved.map((x) => x.to)).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('minClass: a minor rule ignores patches and re-pushed tags; a major rule only majors', async () => {
    const { orgId, hostId } = await f.org();
    await containerOn(orgId, hostId, 'web', 'nginx:1.27.1');
    await containerOn(orgId, hostId, 'cache', 'redis:7.2.4');
    await containerOn(orgId, hostId, 'app', 'acme/app:2');
    await containerOn(orgId, hostId, 'db', 'postgres:15.8');
    await checked(orgId, 'nginx:1.27.1', {
      status: 'up_to_date',
      newest: { minor: '1.28.0', patch: '1.27.3' },
    });
    await checked(orgId, 'redis:7.2.4', { status: 'up_to_date', newest: { patch: '7.2.5' } });
    await checked(orgId, 'acme/app:2', { status: 'update_available' });
    await checked(orgId, 'postgres:15.8', {
      status: 'up_to_date',
      newest: { major: '17.2', minor: '15.10' },
    });
    const minor = await f.rule(orgId, { kind: 'image_update', params: { minClass: 'minor' } });
    const major = await f.rule(orgId, { kind: 'image_update', params: { minClass: 'major' } });
    const patch = await f.rule(orgId, { kind: 'image_update', params: { minClass: 'patch' } });
    await t.alerter.evaluate(orgId, null);
    const names = async (ruleId: string) =>
      (await f.alerts(orgId, ruleId)).map((a) => a.container_name).sort();
    expect(await names(minor)).toEqual(['db', 'web']);
    expect(await names(major)).toEqual(['db']);
    expect(await names(patch)).toEqual(['cache', 'db', 'web']);
  });

  it('no data without a check, on a failed check, or for a container whose own digest is current; scope applies', async () => {
    const { orgId, hostId } = await f.org();
    await containerOn(orgId, hostId, 'fresh', 'nginx:1.27');
    await containerOn(orgId, hostId, 'broken', 'private/app:1');
    await containerOn(orgId, hostId, 'web-1', 'caddy:2');
    await containerOn(orgId, hostId, 'db-1', 'caddy:2');
    await checked(orgId, 'private/app:1', { status: 'error', remoteDigest: null });
    await checked(orgId, 'caddy:2', { status: 'update_available' });
    // A container recreated on the registry's digest: its own verdict is up to date.
    const current = await containerOn(orgId, hostId, 'web-2', 'caddy:2');
    await f.inOrg(orgId, (c) =>
      c.query(`UPDATE containers SET repo_digests = $3 WHERE host_id = $1 AND short_id = $2`, [
        hostId,
        current,
        [`caddy@${REMOTE}`],
      ]),
    );
    const ruleId = await f.rule(orgId, {
      kind: 'image_update',
      params: {},
      scope: { containerName: 'web-*' },
    });
    const all = await f.rule(orgId, { kind: 'image_update', params: {} });
    await t.alerter.evaluate(orgId, null);
    expect((await f.alerts(orgId, ruleId)).map((a) => a.container_name)).toEqual(['web-1']);
    expect((await f.alerts(orgId, all)).map((a) => a.container_name).sort()).toEqual(['db-1', 'web-1']);
  });

  it('another organisation’s checks never fire this organisation’s rule', async () => {
    const mine = await f.org();
    const theirs = await f.org();
    await containerOn(mine.orgId, mine.hostId, 'web', 'nginx:1.27');
    await containerOn(theirs.orgId, theirs.hostId, 'web', 'nginx:1.27');
    await checked(theirs.orgId, 'nginx:1.27', { status: 'update_available', newest: { major: '2.0' } });
    const ruleId = await f.rule(mine.orgId, { kind: 'image_update', params: {} });
    await t.alerter.evaluate(mine.orgId, null);
    expect(await f.alerts(mine.orgId, ruleId)).toEqual([]);
  });
});
