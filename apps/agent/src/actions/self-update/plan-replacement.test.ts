import { describe, expect, it } from 'vitest';
import { parseOwnContainerId } from './find-own-container.js';
import { type InspectedContainer, imageWithTag, planReplacement } from './plan-replacement.js';

const ID = 'c'.repeat(64);

describe('imageWithTag', () => {
  it('swaps the tag, keeping the repository and a registry port', () => {
    expect(imageWithTag('berth/agent:0.1.0', '0.2.0')).toBe('berth/agent:0.2.0');
    expect(imageWithTag('berth/agent', '0.2.0')).toBe('berth/agent:0.2.0');
    expect(imageWithTag('registry.local:5000/berth/agent:0.1.0@sha256:abc', '1.0.0')).toBe(
      'registry.local:5000/berth/agent:1.0.0',
    );
  });
});

describe('parseOwnContainerId', () => {
  it('finds the container id in the source of the container-specific bind mounts', () => {
    const mountinfo = [
      '600 500 0:50 / / ro,relatime - overlay overlay rw',
      `612 600 8:1 /var/lib/docker/containers/${ID}/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/sda1 rw`,
      `613 600 8:1 /var/lib/docker/containers/${ID}/hostname /etc/hostname rw,relatime - ext4 /dev/sda1 rw`,
    ].join('\n');
    expect(parseOwnContainerId(mountinfo)).toBe(ID);
    expect(parseOwnContainerId('600 500 0:50 / / rw - ext4 /dev/sda1 rw\n')).toBeNull();
  });
});

describe('planReplacement', () => {
  const old: InspectedContainer = {
    Id: ID,
    Name: '/berth-agent',
    Image: 'sha256:old',
    Config: {
      Image: 'berth/agent:0.1.0',
      Env: [
        'PATH=/usr/bin',
        'NODE_ENV=production',
        'BERTH_INSTALL_MODE=docker',
        'BERTH_PROC_ROOT=/host/proc',
      ],
      Labels: { 'berth.agent': '1', 'org.opencontainers.image.version': '0.1.0' },
      Cmd: null as unknown as string[],
      Entrypoint: ['node', '/opt/berth-agent/berth-agent.mjs'],
      User: '1000:1000',
      Tty: false,
      OpenStdin: false,
    },
    HostConfig: {
      Binds: ['berth-agent-state:/var/lib/berth-agent', '/var/run/docker.sock:/var/run/docker.sock'],
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
      NetworkMode: 'host',
      GroupAdd: ['998'],
    },
  };
  const oldImage = {
    Env: ['PATH=/usr/bin', 'NODE_ENV=production'],
    Labels: { 'org.opencontainers.image.version': '0.1.0' },
    Entrypoint: ['node', '/opt/berth-agent/berth-agent.mjs'],
    User: '1000:1000',
  };

  it('keeps what docker run set (name, env, labels, mounts, restart policy) and leaves image defaults to the new image', () => {
    expect(planReplacement(old, oldImage, 'berth/agent:0.2.0')).toEqual({
      name: 'berth-agent',
      Image: 'berth/agent:0.2.0',
      Env: ['BERTH_INSTALL_MODE=docker', 'BERTH_PROC_ROOT=/host/proc'],
      Labels: { 'berth.agent': '1' },
      HostConfig: old.HostConfig,
      Tty: false,
      OpenStdin: false,
    });
  });

  it('keeps a command, entrypoint or user given at run time, and user networks with their aliases', () => {
    const custom: InspectedContainer = {
      ...old,
      Config: { ...old.Config, Cmd: ['--interval', '5'], User: '0' },
      HostConfig: { ...old.HostConfig, NetworkMode: 'monitoring' },
      NetworkSettings: { Networks: { monitoring: { Aliases: [ID.slice(0, 12), 'agent'] } } },
    };
    expect(planReplacement(custom, oldImage, 'berth/agent:0.2.0')).toMatchObject({
      Cmd: ['--interval', '5'],
      User: '0',
      NetworkingConfig: { EndpointsConfig: { monitoring: { Aliases: ['agent'] } } },
    });
  });
});
