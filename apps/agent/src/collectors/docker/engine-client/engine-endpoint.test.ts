import { describe, expect, it } from 'vitest';
import { engineEndpointFromHost } from './engine-endpoint.js';

describe('DOCKER_HOST', () => {
  it('defaults to the local socket', () => {
    expect(engineEndpointFromHost(undefined)).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(engineEndpointFromHost('')).toEqual({ socketPath: '/var/run/docker.sock' });
  });

  it('accepts unix:// URLs and bare socket paths', () => {
    expect(engineEndpointFromHost('unix:///run/user/1000/docker.sock')).toEqual({
      socketPath: '/run/user/1000/docker.sock',
    });
    expect(engineEndpointFromHost('/tmp/proxy.sock')).toEqual({ socketPath: '/tmp/proxy.sock' });
  });

  it('accepts tcp:// (a socket proxy) with or without a port', () => {
    expect(engineEndpointFromHost('tcp://socket-proxy:2375')).toEqual({
      protocol: 'http',
      host: 'socket-proxy',
      port: 2375,
    });
    expect(engineEndpointFromHost('tcp://10.0.0.5')).toEqual({
      protocol: 'http',
      host: '10.0.0.5',
      port: 2375,
    });
    expect(engineEndpointFromHost('https://docker.internal')).toEqual({
      protocol: 'https',
      host: 'docker.internal',
      port: 2376,
    });
    expect(engineEndpointFromHost('tcp://[::1]:2375')).toEqual({ protocol: 'http', host: '::1', port: 2375 });
  });

  it('refuses schemes it cannot speak, naming the value', () => {
    expect(() => engineEndpointFromHost('ssh://me@host')).toThrow(
      /unsupported DOCKER_HOST "ssh:\/\/me@host"/,
    );
    expect(() => engineEndpointFromHost('npipe:////./pipe/docker_engine')).toThrow(/unsupported DOCKER_HOST/);
  });
});
