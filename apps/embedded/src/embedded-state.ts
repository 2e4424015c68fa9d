import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const ZEmbeddedStateSchema = z.object({
  postgresPassword: z.string().min(16),
  appPassword: z.string().min(16),
  authSecret: z.string().min(32),
});
export type EmbeddedState = z.infer<typeof ZEmbeddedStateSchema>;

/**
 * Secrets generated on the first run and kept in the data directory (0600), so the
 * database, sessions and printed login stay valid across restarts.
 */
export async function loadEmbeddedState(dataDir: string): Promise<EmbeddedState> {
  const file = path.join(dataDir, 'embedded.json');
  try {
    const parsed = ZEmbeddedStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return parsed.data;
    throw new Error(
      `${file} is damaged (${parsed.error.issues[0]?.path.join('.')}); move it away to start afresh`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const state: EmbeddedState = {
    postgresPassword: randomBytes(18).toString('base64url'),
    appPassword: randomBytes(18).toString('base64url'),
    authSecret: randomBytes(32).toString('base64url'),
  };
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  return state;
}

/**
 * The data directory (secrets, pid files, the agent's state, and PostgreSQL's data unless it
 * has to live elsewhere). As root it is made searchable, so PostgreSQL — running as the
 * `postgres` user — can keep its data below it wherever the parents let that user through.
 */
export async function prepareDataDir(dataDir: string, runningAsRoot: boolean): Promise<string> {
  const absolute = path.resolve(dataDir);
  await mkdir(absolute, { recursive: true });
  if (runningAsRoot) await chmod(absolute, 0o755);
  return absolute;
}
