import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { FETCH_NODE } from './repo-paths.js';

const run = promisify(execFile);

/** The path of the Node.js binary Berth ships, fetched (once) and verified by fetch-node.sh. */
export async function shippedNode(): Promise<string> {
  return (await run('sh', [FETCH_NODE])).stdout.trim();
}

/** The version fetch-node.sh pins, e.g. 24.22.3. */
export async function shippedNodeVersion(): Promise<string> {
  const found = /^NODE_VERSION=(\S+)$/m.exec(await readFile(FETCH_NODE, 'utf8'))?.[1];
  if (!found) throw new Error(`no NODE_VERSION= line in ${FETCH_NODE}`);
  return found;
}
