import { ownerQuery } from './bench-database.js';

/**
 * `ALTER DATABASE … SET` for each `name=value` in `settings` (separated by `;`), e.g.
 * `jit=off;synchronous_commit=off`: server tuning tried without touching gateway code.
 * New sessions of that database (the gateway's) pick them up.
 */
export async function applyDatabaseSettings(adminUrl: string, settings: string | undefined): Promise<void> {
  if (!settings) return;
  const database = new URL(adminUrl).pathname.slice(1);
  for (const pair of settings.split(';').filter(Boolean)) {
    const [name, ...rest] = pair.split('=');
    const value = rest.join('=');
    if (!name || !/^[a-z_.]+$/.test(name.trim()))
      throw new Error(`bad database setting ${JSON.stringify(pair)}`);
    await ownerQuery(
      adminUrl,
      `ALTER DATABASE "${database}" SET ${name.trim()} = '${value.replaceAll("'", "''")}'`,
    );
    console.log(`  ALTER DATABASE … SET ${name.trim()} = '${value}'`);
  }
}
