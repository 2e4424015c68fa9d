import { describe, expect, it } from 'vitest';
import { classifyTagUpdates, parseSemverTag } from './classify-tag-updates.js';

const TAGS = [
  'latest',
  '1.0.0',
  '1.0.1',
  '1.0.2',
  '1.1.0',
  '1.1.3',
  '2.0.0',
  '3.1.0',
  '1.0.0-alpine',
  '1.0.5-alpine',
  '1.2.0-alpine',
  'v1.0.9',
  '1.0',
  '1.4',
  '2.1',
  'stable',
];

describe('classifyTagUpdates', () => {
  it('finds the newest patch, minor and major of a full version', () => {
    expect(classifyTagUpdates('1.0.0', TAGS)).toEqual({ patch: '1.0.2', minor: '1.1.3', major: '3.1.0' });
  });

  it('keeps the suffix family and the prefix', () => {
    expect(classifyTagUpdates('1.0.0-alpine', TAGS)).toEqual({
      patch: '1.0.5-alpine',
      minor: '1.2.0-alpine',
    });
    expect(classifyTagUpdates('v1.0.0', TAGS)).toEqual({ patch: 'v1.0.9' });
  });

  it('compares a floating tag with tags of its own precision', () => {
    expect(classifyTagUpdates('1.0', TAGS)).toEqual({ minor: '1.4', major: '2.1' });
  });

  it('has nothing newer for the newest tag and nothing at all for non-version tags', () => {
    expect(classifyTagUpdates('3.1.0', TAGS)).toEqual({});
    expect(classifyTagUpdates('latest', TAGS)).toBeUndefined();
  });

  it('compares numerically, not as text', () => {
    expect(classifyTagUpdates('1.9.0', ['1.10.0', '1.9.10', '1.9.9'])).toEqual({
      patch: '1.9.10',
      minor: '1.10.0',
    });
    expect(parseSemverTag('2024-01-01')).toBeUndefined();
  });
});
