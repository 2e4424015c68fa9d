import { describe, expect, it } from 'vitest';
import { dockerOptionsFromHost } from './docker-client.js';

describe('DOCKER_HOST', () => {
  it('defaults to the local socket', () => {
    expect(dockerOptionsFromHost(undefined)).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(dockerOptionsFromHost('')).toEqual({ socketPath: '/var/run/docker.sock' });
  });

  it('accepts unix:// URLs and bare socket paths', () => {
    expect(dockerOptionsFromHost('unix:///run/user/1000/docker.sock')).toEqual({
      socketPath: '/run/user/1000/docker.sock',
    });
    expect(dockerOptionsFromHost('/tmp/proxy.sock')).toEqual({ socketPath: '/tmp/proxy.sock' });
  });

  it('accepts tcp:// (a socket proxy) with or without a port', () => {
    expect(dockerOptionsFromHost('tcp://socket-proxy:2375')).toEqual({
      protocol: 'http',
      host: 'socket-proxy',
      port: 2375,
    });
    expect(dockerOptionsFromHost('tcp://10.0.0.5')).toEqual({
      protocol: 'http',
      host: '10.0.0.5',
      port: 2375,
    });
    expect(dockerOptionsFromHost('https://docker.internal')).toEqual({
      protocol: 'https',
      host: 'docker.internal',
      port: 2376,
    });
    expect(dockerOptionsFromHost('tcp://[::1]:2375')).toEqual({ protocol: 'http', host: '::1', port: 2375 });
  });

  it('refuses schemes it cannot speak, naming the value', () => {
    expect(() => dockerOptionsFromHost('ssh://me@host')).toThrow(/unsupported DOCKER_HOST "ssh:\/\/me@host"/);
    expect(() => dockerOptionsFromHost('npipe:////./pipe/docker_engine')).toThrow(/unsupported DOCKER_HOST/);
  });
});
