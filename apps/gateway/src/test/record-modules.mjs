// Preloaded (`node --import`) into the gateway process that prisma-free-process.test.ts starts:
// records to BERTH_MODULE_LOG, one a line, every module the process resolves through the ESM
// loader (a resolve hook) and, at exit, every module in the CommonJS cache (what `require` loaded
// inside CommonJS packages, which the ESM hook does not see).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.BERTH_MODULE_LOG;
if (!log) throw new Error('BERTH_MODULE_LOG is not set');
register('./record-modules-hook.mjs', import.meta.url, { data: { log } });
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(log, `${Object.keys(require.cache).join('\n')}\n`));
