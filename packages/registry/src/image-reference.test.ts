import { describe, expect, it } from 'vitest';
import { parseImageReference, registryApiHost } from './image-reference.js';
import { RegistryError } from './registry-error.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    ['busybox', { registry: 'docker.io', repository: 'library/busybox', tag: 'latest' }],
    ['nginx:1.27-alpine', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27-alpine' }],
    ['grafana/grafana', { registry: 'docker.io', repository: 'grafana/grafana', tag: 'latest' }],
    ['docker.io/busybox:1', { registry: 'docker.io', repository: 'library/busybox', tag: '1' }],
    ['index.docker.io/library/redis:7', { registry: 'docker.io', repository: 'library/redis', tag: '7' }],
    ['ghcr.io/org/team/app:v2', { registry: 'ghcr.io', repository: 'org/team/app', tag: 'v2' }],
    ['localhost/app', { registry: 'localhost', repository: 'app', tag: 'latest' }],
    ['127.0.0.1:5000/app:1.0.0', { registry: '127.0.0.1:5000', repository: 'app', tag: '1.0.0' }],
    ['reg:5000/a/b', { registry: 'reg:5000', repository: 'a/b', tag: 'latest' }],
    [`busybox@${DIGEST}`, { registry: 'docker.io', repository: 'library/busybox', digest: DIGEST }],
    [
      `reg.example.com:443/app:1.2@${DIGEST}`,
      { registry: 'reg.example.com:443', repository: 'app', tag: '1.2', digest: DIGEST },
    ],
  ])('%s normalises like the Docker CLI', (input, expected) => {
    expect(parseImageReference(input)).toEqual(expected);
  });

  it.each(['', 'Busybox', 'app:bad tag', 'app@sha256:short', 'a//b', 'app:', '-app'])(
    'refuses %j with an invalid_reference error naming it',
    (input) => {
      const error = (() => {
        try {
          parseImageReference(input);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as RegistryError).code).toBe('invalid_reference');
      expect((error as RegistryError).message).toContain(`"${input}"`);
    },
  );

  it("talks to Docker Hub's API host, other registries as written", () => {
    expect(registryApiHost('docker.io')).toBe('registry-1.docker.io');
    expect(registryApiHost('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });
});
