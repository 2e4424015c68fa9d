import { execFile } from 'node:child_process';
import { createPrivateKey, randomBytes, sign, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export type TokenServer = {
  realm: string;
  service: string;
  issuer: string;
  /** The PEM certificate docker-registry trusts (`auth.token.rootcertbundle`). */
  certPath: string;
  /** Token requests received: scope and basic user, in order. */
  requests: { scope: string | null; user: string | undefined }[];
  close(): Promise<void>;
};

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * The token service docker-registry's `auth: token` delegates to (as Docker Hub's auth.docker.io
 * does): a JWT per request, ES256-signed with a throwaway key whose self-signed certificate (made
 * with openssl) the registry trusts; `x5c` carries it so the registry can verify the chain.
 * Grants pull on the requested repository to the given user, and to anyone when `anonymous`.
 */
export async function startTokenServer(options: {
  user: { username: string; password: string };
  anonymous: boolean;
}): Promise<TokenServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-token-'));
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  await exec('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    '1',
    '-subj',
    '/CN=berth-test-token',
  ]);
  const key = createPrivateKey(await readFile(keyPath));
  const certDer = new X509Certificate(await readFile(certPath)).raw;
  const service = 'berth-test-registry';
  const issuer = 'berth-test-issuer';
  const requests: TokenServer['requests'] = [];

  function jwt(subject: string, scope: string | null): string {
    const header = { typ: 'JWT', alg: 'ES256', x5c: [certDer.toString('base64')] };
    const now = Math.floor(Date.now() / 1000);
    const [type, name, actions] = (scope ?? '::').split(':');
    const claims = {
      iss: issuer,
      sub: subject,
      aud: service,
      iat: now,
      nbf: now - 10,
      exp: now + 300,
      jti: randomBytes(8).toString('hex'),
      access: scope ? [{ type, name, actions: (actions ?? '').split(',') }] : [],
    };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
    return `${signingInput}.${base64url(signature)}`;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [username, password] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
    const scope = url.searchParams.get('scope');
    requests.push({ scope, user: username });
    const valid = basic
      ? username === options.user.username && password === options.user.password
      : options.anonymous;
    if (url.pathname !== '/token' || url.searchParams.get('service') !== service || !valid) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"access denied"}');
      return;
    }
    const token = jwt(username ?? 'anonymous', scope);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certPath,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}
