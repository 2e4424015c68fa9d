import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `@berth/db/sql` (and `@berth/db/ingest`) are what the gateway may import: everything they
// reach, type imports included, must stay clear of Prisma (its generated client and @prisma/*)
// and of the argon2 native module (passwords are the API's). The gateway's own test checks the
// running process; this one names the file that broke the rule.
const SRC = fileURLToPath(new URL('../', import.meta.url));
const ENTRIES = ['sql.ts', 'ingest/index.ts'];
const FORBIDDEN = [/^@prisma\//, /^@node-rs\/argon2/, /(^|\/)generated\//, /(^|\/)client\.ts$/];
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\sfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g;

type Edge = { from: string; specifier: string };

async function walk(): Promise<{ files: Set<string>; edges: Edge[] }> {
  const files = new Set<string>();
  const edges: Edge[] = [];
  const queue = [...ENTRIES];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const text = await readFile(path.join(SRC, file), 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2]) as string;
      if (!specifier.startsWith('.')) {
        edges.push({ from: file, specifier });
        continue;
      }
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const resolved = target.replace(/\.js$/, '.ts');
      edges.push({ from: file, specifier: resolved });
      queue.push(resolved);
    }
  }
  return { files, edges };
}

describe('the Prisma-free entries', () => {
  it('reach no Prisma module and no argon2, not even for types', async () => {
    const { files, edges } = await walk();
    // The walk followed the imports: a broken pattern would pass vacuously.
    expect(files).toContain('cross-tenant/hosts.ts');
    expect(files).toContain('scope-sql.ts');
    expect(edges.map((edge) => edge.specifier)).toContain('pg');
    const offending = edges
      .filter((edge) => FORBIDDEN.some((pattern) => pattern.test(edge.specifier)))
      .map((edge) => `${edge.from} → ${edge.specifier}`);
    expect(offending).toEqual([]);
  });
});
