import { describe, expect, it } from 'vitest';
import { parseDuration } from './check-label-values.js';
import { parseCheckLabels } from './parse-check-labels.js';

describe('parseCheckLabels', () => {
  it('ignores containers without berth.check labels', () => {
    expect(parseCheckLabels({ 'com.docker.compose.service': 'web', 'berth.autoheal': 'off' })).toEqual({
      checks: [],
      errors: [],
    });
  });

  it('reads the unnamed check with its defaults', () => {
    expect(parseCheckLabels({ 'berth.check.http': 'http://{{ip}}:8080/health' })).toEqual({
      errors: [],
      checks: [
        {
          name: 'default',
          kind: 'http',
          target: 'http://{{ip}}:8080/health',
          intervalS: 30,
          timeoutMs: 10_000,
          retries: 1,
          http: {
            method: 'GET',
            headers: {},
            expectStatus: { min: 200, max: 299 },
            followRedirects: true,
            skipTlsVerify: false,
            certExpiryWarnDays: 14,
          },
        },
      ],
    });
  });

  it('reads every option of a named check, and several checks on one container', () => {
    const { checks, errors } = parseCheckLabels({
      'berth.check.api.url': 'https://{{ip}}:{{port:8443}}/ready',
      'berth.check.api.interval': '1m30s',
      'berth.check.api.timeout': '2.5s',
      'berth.check.api.retries': '3',
      'berth.check.api.method': 'head',
      'berth.check.api.expect_status': '2xx',
      'berth.check.api.keyword_regex': '^ok$',
      'berth.check.api.max_latency': '800ms',
      'berth.check.api.follow_redirects': 'false',
      'berth.check.api.tls_skip_verify': 'yes',
      'berth.check.api.cert_expiry_days': '30',
      'berth.check.api.header.Authorization': 'Bearer x',
      'berth.check.db.tcp': '{{ip}}:5432',
      'berth.check.db.interval': '10',
    });
    expect(errors).toEqual([]);
    expect(checks).toEqual([
      {
        name: 'api',
        kind: 'http',
        target: 'https://{{ip}}:{{port:8443}}/ready',
        intervalS: 90,
        timeoutMs: 2500,
        retries: 3,
        http: {
          method: 'HEAD',
          headers: { Authorization: 'Bearer x' },
          expectStatus: { min: 200, max: 299 },
          keyword: { mode: 'regex', value: '^ok$', caseSensitive: true },
          maxLatencyMs: 800,
          followRedirects: false,
          skipTlsVerify: true,
          certExpiryWarnDays: 30,
        },
      },
      { name: 'db', kind: 'tcp', target: '{{ip}}:5432', intervalS: 10, timeoutMs: 10_000, retries: 1 },
    ]);
  });

  it('accepts a status, a range or a class', () => {
    const status = (value: string) =>
      parseCheckLabels({ 'berth.check.http': 'http://x/', 'berth.check.expect_status': value }).checks[0]
        ?.http?.expectStatus;
    expect(status('204')).toEqual({ min: 204, max: 204 });
    expect(status('200-399')).toEqual({ min: 200, max: 399 });
    expect(status('3xx')).toEqual({ min: 300, max: 399 });
  });

  it('reports each bad value as an error naming the label, and runs the other checks', () => {
    const { checks, errors } = parseCheckLabels({
      'berth.check.http': 'http://{{ip}}/',
      'berth.check.interval': '5s',
      'berth.check.retries': 'many',
      'berth.check.web.http': 'ftp://{{ip}}/',
      'berth.check.web.expect_status': '200-100',
      'berth.check.db.tcp': '{{ip}}:5432',
    });
    expect(checks.map((check) => check.name)).toEqual(['db']);
    expect(errors).toEqual([
      {
        name: 'default',
        kind: 'http',
        error:
          'label berth.check.interval: expected between 10s and 86400s, got 5s; ' +
          'label berth.check.retries: expected a whole number from 0 to 10',
      },
      {
        name: 'web',
        kind: 'http',
        error:
          'label berth.check.web.http: expected an http:// or https:// URL; ' +
          'label berth.check.web.expect_status: expected a status (200), a range (200-399) or a class (2xx) within 100–599',
      },
    ]);
  });

  it('says what is missing, doubled or misplaced', () => {
    const { errors } = parseCheckLabels({
      'berth.check.api.interval': '30s',
      'berth.check.both.http': 'http://a/',
      'berth.check.both.tcp': 'a:1',
      'berth.check.db.tcp': 'a:5432',
      'berth.check.db.keyword': 'ok',
      'berth.check.kw.http': 'http://a/',
      'berth.check.kw.keyword': 'ok',
      'berth.check.kw.keyword_absent': 'error',
      'berth.check.typo.htp': 'http://a/',
      'berth.check.Bad Name.http': 'http://a/',
      'berth.check.re.http': 'http://a/',
      'berth.check.re.keyword_regex': '(unclosed',
    });
    expect(Object.fromEntries(errors.map((e) => [e.name, e.error]))).toEqual({
      labels:
        'label berth.check.Bad Name.http: "Bad Name" is neither a check option nor a check name (lowercase letters, digits, - and _)',
      api: 'berth.check.api.* needs a target: berth.check.api.http, berth.check.api.url or berth.check.api.tcp',
      both: 'berth.check.both.http and berth.check.both.tcp both define the target; keep one',
      db: 'label berth.check.db.keyword: applies to http checks only',
      kw: 'berth.check.kw.keyword and berth.check.kw.keyword_absent: keep one keyword option',
      re: 'label berth.check.re.keyword_regex: expected a valid JavaScript regular expression',
      typo: expect.stringMatching(
        /^label berth\.check\.typo\.htp: unknown option \(known: http, url, tcp, interval/,
      ),
    });
  });

  it('never throws, whatever the labels hold', () => {
    const hostile = {
      'berth.check.': '',
      'berth.check..http': 'http://a/',
      'berth.check.__proto__.http': 'http://a/',
      'berth.check.constructor': 'x',
      'berth.check.header.': 'x',
      'berth.check.a.header.bad header': 'x',
      'berth.check.timeout': '1e309s',
    };
    const parsed = parseCheckLabels(hostile);
    expect(parsed.checks).toEqual([]);
    expect(parsed.errors.length).toBeGreaterThan(0);
    for (const error of parsed.errors) expect(error.error).toMatch(/berth\.check\./);
  });
});

describe('parseDuration', () => {
  it('reads Docker-style durations and bare seconds', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('45')).toBe(45_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('30 seconds')).toBeNull();
    expect(parseDuration('-5s')).toBeNull();
    expect(parseDuration('')).toBeNull();
  });
});
