import { describe, expect, it } from 'vitest';
import { OutputWindow } from './output-window.js';

describe('OutputWindow', () => {
  it('never lets more than the window go out unacknowledged', () => {
    const output = new OutputWindow(100, 30);
    output.push(Buffer.alloc(250, 1));
    const sizes: number[] = [];
    for (let chunk = output.take(); chunk; chunk = output.take()) sizes.push(chunk.length);
    expect(sizes).toEqual([30, 30, 30, 10]);
    expect(output.unacked).toBe(100);
    expect(output.full()).toBe(true);
    expect(output.ack(40)).toBe(true);
    expect(output.take()?.length).toBe(30);
    expect(output.take()?.length).toBe(10);
    expect(output.take()).toBeUndefined();
    expect(output.maxUnacked).toBe(100);
  });

  it('ignores stale acks and acks for bytes never sent', () => {
    const output = new OutputWindow(100, 100);
    output.push(Buffer.from('hello'));
    output.take();
    expect(output.ack(9)).toBe(false);
    expect(output.ack(3)).toBe(true);
    expect(output.ack(2)).toBe(false);
    expect(output.unacked).toBe(2);
  });

  it('joins small writes into one frame and keeps their order', () => {
    const output = new OutputWindow(100, 100);
    output.push(Buffer.from('ab'));
    output.push(Buffer.from('cd'));
    output.push(Buffer.from('ef'));
    expect(output.take()?.toString()).toBe('abcdef');
  });
});
