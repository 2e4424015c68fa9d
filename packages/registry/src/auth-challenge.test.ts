import { describe, expect, it } from 'vitest';
import { parseAuthChallenge } from './auth-challenge.js';

describe('parseAuthChallenge', () => {
  it("reads Docker Hub's bearer challenge", () => {
    expect(
      parseAuthChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/busybox:pull',
    });
  });

  it('reads basic challenges, unquoted values and escapes', () => {
    expect(parseAuthChallenge('Basic realm="basic-realm"')).toEqual({
      scheme: 'basic',
      realm: 'basic-realm',
    });
    expect(parseAuthChallenge('bearer realm=http://a/t, service="s\\"x"')).toEqual({
      scheme: 'bearer',
      realm: 'http://a/t',
      service: 's"x',
    });
  });

  it('ignores a bearer challenge without realm and unknown schemes', () => {
    expect(parseAuthChallenge('Bearer service="x"')).toBeUndefined();
    expect(parseAuthChallenge('Negotiate abc')).toBeUndefined();
    expect(parseAuthChallenge(null)).toBeUndefined();
  });
});
