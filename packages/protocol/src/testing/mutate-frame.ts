import { isRawJson, MISSING } from './bad-values.js';
import type { Random } from './random.js';

/** `'*'` stands for a random element of an array, chosen among those where the rest of the path exists. */
export type FieldPath = readonly (string | number)[];

type Json = unknown;

/** Copies `frame`, sets (or with MISSING deletes) the value at `path`, and returns the JSON text. */
export function mutateFrame(frame: object, path: FieldPath, value: unknown, rng: Random): string {
  const copy: Json = JSON.parse(JSON.stringify(frame));
  const concrete = resolvePath(copy, path, rng);
  if (!concrete)
    throw new Error(`hostile generator: path ${path.join('.')} does not exist in the base frame`);
  const parent = walk(copy, concrete.slice(0, -1));
  const key = concrete.at(-1);
  if (!isContainer(parent) || key === undefined) throw new Error('hostile generator: bad path');
  if (value === MISSING) {
    delete (parent as Record<string | number, unknown>)[key];
  } else {
    (parent as Record<string | number, unknown>)[key] = value;
  }
  return stringifyWithRaw(copy);
}

/** JSON.stringify, with `raw(...)` values spliced in as literal JSON text. */
export function stringifyWithRaw(value: Json): string {
  const splices: string[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (!isRawJson(item)) return item;
    splices.push(item.rawJson);
    return `@@raw${splices.length - 1}@@`;
  });
  return text.replace(/"@@raw(\d+)@@"/g, (_match, index: string) => splices[Number(index)] ?? 'null');
}

function resolvePath(node: Json, path: FieldPath, rng: Random): (string | number)[] | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return [];
  if (head === '*') {
    if (!Array.isArray(node)) return undefined;
    const candidates = node.map((_, index) => index).filter((index) => resolvePath(node[index], rest, rng));
    if (candidates.length === 0) return undefined;
    const index = rng.pick(candidates);
    const tail = resolvePath(node[index], rest, rng);
    return tail ? [index, ...tail] : undefined;
  }
  if (!isContainer(node) || !Object.hasOwn(node, head)) return undefined;
  const tail = resolvePath((node as Record<string | number, unknown>)[head], rest, rng);
  return tail ? [head, ...tail] : undefined;
}

function walk(node: Json, path: readonly (string | number)[]): Json {
  let current = node;
  for (const key of path) {
    if (!isContainer(current)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function isContainer(node: Json): node is object {
  return typeof node === 'object' && node !== null;
}
