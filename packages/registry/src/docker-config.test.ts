import { describe, expect, it } from 'vitest';
import { credentialsFromDockerConfig, parseDockerConfig } from './docker-config.js';
import { RegistryError } from './registry-error.js';
import { credentialResolver } from './resolve-credentials.js';

const b64 = (text: string) => btoa(text);

function thrown(run: () => unknown): RegistryError {
  try {
    run();
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

describe('credentials from a Docker config', () => {
  it('decodes base64 auth, matching Docker Hub under its legacy key', () => {
    const config = parseDockerConfig(
      JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: b64('hub-user:p:ss') } } }),
    );
    expect(credentialsFromDockerConfig(config, 'docker.io')).toEqual({
      username: 'hub-user',
      password: 'p:ss',
    });
    expect(credentialsFromDockerConfig(config, 'ghcr.io')).toBeUndefined();
  });

  it('takes username and password fields and registry keys with scheme and path', () => {
    const config = parseDockerConfig(
      JSON.stringify({ auths: { 'https://reg.example.com:5000/v2/': { username: 'u', password: 'p' } } }),
    );
    expect(credentialsFromDockerConfig(config, 'reg.example.com:5000')).toEqual({
      username: 'u',
      password: 'p',
    });
  });

  it('refuses credential helpers by name instead of checking anonymously', () => {
    const helper = parseDockerConfig(JSON.stringify({ credHelpers: { 'ghcr.io': 'gh' } }));
    const error = thrown(() => credentialsFromDockerConfig(helper, 'ghcr.io'));
    expect(error.code).toBe('unsupported_credentials');
    expect(error.message).toContain('docker-credential-gh');
    const store = parseDockerConfig(JSON.stringify({ credsStore: 'desktop', auths: { 'ghcr.io': {} } }));
    expect(thrown(() => credentialsFromDockerConfig(store, 'ghcr.io')).message).toContain(
      'docker-credential-desktop',
    );
    // A store does not make every other registry fail: only those it holds entries for.
    expect(credentialsFromDockerConfig(store, 'docker.io')).toBeUndefined();
  });

  it('names the bad field and never echoes a secret', () => {
    const error = thrown(() => parseDockerConfig(JSON.stringify({ auths: { 'ghcr.io': { auth: 42 } } })));
    expect(error.code).toBe('invalid_credentials_config');
    expect(error.message).toContain('auths.ghcr.io.auth');
    const noColon = parseDockerConfig(JSON.stringify({ auths: { 'ghcr.io': { auth: b64('secretvalue') } } }));
    const decoded = thrown(() => credentialsFromDockerConfig(noColon, 'ghcr.io'));
    expect(decoded.message).not.toContain('secretvalue');
    expect(thrown(() => parseDockerConfig('{not json')).code).toBe('invalid_credentials_config');
  });

  it('prefers explicit per-registry credentials over the Docker config', () => {
    const resolve = credentialResolver({
      explicit: { 'https://index.docker.io/v1/': { username: 'org', password: 'o' } },
      dockerConfig: parseDockerConfig(JSON.stringify({ auths: { 'docker.io': { auth: b64('host:h') } } })),
    });
    expect(resolve('docker.io')).toEqual({ username: 'org', password: 'o' });
  });
});
