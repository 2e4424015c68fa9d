/**
 * What each agent costs in the JS heap: diffs two heap snapshots of one gateway (before and
 * after connecting, as bench:connections writes them with BENCH_HEAP_SNAPSHOT_DIR) by node
 * type and constructor name, and prints the biggest growths in bytes and objects per agent.
 * `tsx src/connections/diff-heap-snapshots.ts <before> <after> <agents> [rows]`
 */
import { readFileSync } from 'node:fs';

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: (string[] | string)[] } };
  nodes: number[];
  strings: string[];
};

type Group = { count: number; bytes: number };

/** Self size and count of every live object, grouped as "type:name" (closures by function name). */
function groupNodes(file: string): Map<string, Group> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = parsed.snapshot.meta.node_fields;
  const types = parsed.snapshot.meta.node_types[0] as string[];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, Group>();
  for (let i = 0; i < parsed.nodes.length; i += width) {
    const type = types[parsed.nodes[i + typeAt] as number] ?? '?';
    const rawName = parsed.strings[parsed.nodes[i + nameAt] as number] ?? '';
    // Strings and numbers are named by their value: group them by type alone.
    const name = type === 'string' || type === 'number' || type === 'concatenated string' ? '' : rawName;
    const key = `${type}:${name.slice(0, 60)}`;
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += parsed.nodes[i + sizeAt] as number;
    groups.set(key, group);
  }
  return groups;
}

const [beforeFile, afterFile, agentsArg, rowsArg] = process.argv.slice(2);
if (!beforeFile || !afterFile || !agentsArg) {
  console.error('usage: diff-heap-snapshots.ts <before.heapsnapshot> <after.heapsnapshot> <agents> [rows]');
  process.exit(2);
}
const agents = Number(agentsArg);
const before = groupNodes(beforeFile);
const after = groupNodes(afterFile);
const rows = [...after]
  .map(([key, group]) => {
    const old = before.get(key) ?? { count: 0, bytes: 0 };
    return { key, bytes: (group.bytes - old.bytes) / agents, count: (group.count - old.count) / agents };
  })
  .sort((a, b) => b.bytes - a.bytes);
const total = rows.reduce((sum, row) => sum + row.bytes, 0);
console.log(`self size growth: ${total.toFixed(0)} B/agent over ${agents} agents`);
for (const row of rows.slice(0, Number(rowsArg ?? 40)))
  console.log(
    `${row.bytes.toFixed(1).padStart(8)} B  ${row.count.toFixed(2).padStart(6)} objects  ${row.key}`,
  );
