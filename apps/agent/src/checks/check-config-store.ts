import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type ConfigFrame, ZConfigFrameSchema } from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import { writeFileAtomic } from '../spool/write-file-atomic.js';

/** The file in the state directory that holds the last config the gateway pushed. */
export const CHECK_CONFIG_FILE = 'check-config.json';

/**
 * The console-defined checks as last pushed, kept in the agent's state directory so they run
 * after a restart while the gateway is unreachable (the agent applies the persisted config before
 * it connects). Written atomically: a crash leaves the old config or the new one, never a mix.
 */
export class CheckConfigStore {
  readonly path: string;

  constructor(
    stateDir: string,
    private readonly log: Logger,
  ) {
    this.path = path.join(stateDir, CHECK_CONFIG_FILE);
  }

  /** The persisted config; null when there is none or it does not validate (logged, then ignored). */
  async load(): Promise<ConfigFrame | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const parsed = ZConfigFrameSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      this.log.warn(
        { path: this.path, issues: parsed.error.issues },
        'persisted check config is invalid; ignored',
      );
    } catch (error) {
      this.log.warn({ err: error, path: this.path }, 'persisted check config is not JSON; ignored');
    }
    return null;
  }

  save(config: ConfigFrame): Promise<void> {
    return writeFileAtomic(this.path, JSON.stringify(config));
  }
}
