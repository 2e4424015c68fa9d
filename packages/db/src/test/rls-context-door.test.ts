import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The row-level-security context is set in packages/db only (scope-sql.ts, behind withOrg,
// withOrgClient, withOrgOn, withUser and the cross-tenant modules). A hand-written
// set_config elsewhere is a second door nobody reviews; this test finds one.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SEARCHED = ['apps', 'packages', 'bench', 'e2e', 'infra', 'scripts'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.next', '.turbo', 'generated', 'migrations']);
const SOURCE = /\.(?:[cm]?[jt]sx?|sql)$/;
const FORBIDDEN = /set_config\s*\(|app\.org_id|app\.user_id/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || full === path.join(ROOT, 'packages', 'db')) continue;
      files.push(...(await sourceFiles(full)));
    } else if (SOURCE.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

describe('the RLS context door', () => {
  it('no file outside packages/db sets app.org_id or app.user_id', async () => {
    const files = (await Promise.all(SEARCHED.map((dir) => sourceFiles(path.join(ROOT, dir))))).flat();
    // The walk found the apps: a wrong ROOT would pass vacuously.
    expect(files.some((file) => file.endsWith(path.join('gateway', 'src', 'ingest', 'write-group.ts')))).toBe(
      true,
    );
    const offenders: string[] = [];
    for (const file of files) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      for (const [index, line] of lines.entries()) {
        if (FORBIDDEN.test(line)) offenders.push(`${path.relative(ROOT, file)}:${index + 1}: ${line.trim()}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
