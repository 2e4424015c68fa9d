import type { AgentFrameType } from '../schemas/frames.js';
import type { BadValue } from './bad-values.js';

/** One field of one frame type and the wrong values to try in it. Paths use `*` for "some element". */
export type FieldSpec = { frame: AgentFrameType; path: string; values: readonly BadValue[] };

export const fieldSpec = (frame: AgentFrameType, path: string, values: readonly BadValue[]): FieldSpec => ({
  frame,
  path,
  values,
});
