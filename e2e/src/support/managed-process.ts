import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** One output line; `record` is set when the line is a JSON object (pino, Fastify). */
export type OutputLine = { index: number; text: string; record: Record<string, unknown> | undefined };
export type ExitStatus = { code: number | null; signal: NodeJS.Signals | null };
export type WaitOptions = { timeoutMs?: number; since?: number; what: string };

const live = new Set<ManagedProcess>();

/**
 * A Node process (`script` ends in .js or .mjs) or an executable (anything else: the compiled
 * agent) in its own process group, its stdout and stderr kept line by line (and in a
 * log file) so a test can wait for what it says instead of sleeping.
 */
export class ManagedProcess {
  readonly lines: OutputLine[] = [];
  readonly exited: Promise<ExitStatus>;
  private status: ExitStatus | undefined;
  private readonly child: ChildProcess;
  private readonly events = new EventEmitter();
  private readonly file: WriteStream;

  constructor(
    readonly name: string,
    script: string,
    args: string[],
    env: Record<string, string>,
    readonly logFile: string,
  ) {
    this.file = createWriteStream(logFile, { flags: 'a' });
    const [file, scriptArgs] = /\.m?js$/.test(script) ? [process.execPath, [script]] : [script, []];
    this.child = spawn(file, [...scriptArgs, ...args], {
      cwd: path.dirname(script),
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(this);
    const outputsClosed = [this.child.stdout, this.child.stderr].map((stream) => {
      if (!stream) return Promise.resolve();
      const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
      reader.on('line', (text) => this.take(text));
      return new Promise<void>((resolve) => reader.once('close', resolve));
    });
    this.exited = new Promise<ExitStatus>((resolve) => {
      this.child.once('exit', (code, signal) => {
        live.delete(this);
        // Every line the process wrote is read before anyone is told it exited.
        void Promise.all(outputsClosed).then(() => {
          this.status = { code, signal };
          this.file.end();
          this.events.emit('exit');
          resolve(this.status);
        });
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.status === undefined;
  }

  /** The JSON records logged so far (from `since`, a line index), optionally with this `msg`. */
  records(msg?: string, since = 0): Record<string, unknown>[] {
    const found: Record<string, unknown>[] = [];
    for (const line of this.lines.slice(since)) {
      if (line.record && (msg === undefined || line.record.msg === msg)) found.push(line.record);
    }
    return found;
  }

  /** Resolves with the first line (at or after `since`) that matches; rejects if the process exits first. */
  waitForLine(match: (line: OutputLine) => boolean, options: WaitOptions): Promise<OutputLine> {
    const seen = this.lines.slice(options.since ?? 0).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? 30_000;
      const done = (): void => {
        clearTimeout(timer);
        this.events.off('line', onLine);
        this.events.off('exit', onExit);
      };
      const onLine = (line: OutputLine): void => {
        if (!match(line)) return;
        done();
        resolve(line);
      };
      const onExit = (): void => {
        done();
        reject(this.failure(`exited (${JSON.stringify(this.status)}) before ${options.what}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(this.failure(`did not log ${options.what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.events.on('line', onLine);
      if (this.status) onExit();
      else this.events.on('exit', onExit);
    });
  }

  /** Waits for a JSON record with this `msg` (and, optionally, matching fields). */
  waitForRecord(
    msg: string,
    options: Partial<WaitOptions> & { where?: (record: Record<string, unknown>) => boolean } = {},
  ): Promise<Record<string, unknown>> {
    const where = options.where ?? (() => true);
    return this.waitForLine((line) => line.record?.msg === msg && where(line.record), {
      ...options,
      what: options.what ?? `"${msg}"`,
    }).then((line) => line.record ?? {});
  }

  /** Sends `signal` to the whole process group. */
  signal(signal: NodeJS.Signals): void {
    if (!this.running) return;
    try {
      process.kill(-this.pid, signal);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ESRCH') throw error;
    }
  }

  /** SIGKILL to the group, and waits until the process is gone. */
  async kill(): Promise<ExitStatus> {
    this.signal('SIGKILL');
    return this.exited;
  }

  /** SIGTERM (a graceful stop); SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 20_000): Promise<ExitStatus> {
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    const status = await this.exited;
    clearTimeout(timer);
    return status;
  }

  /** An error carrying the process's last lines, so a failure explains itself. */
  failure(message: string): Error {
    const tail = this.lines
      .slice(-25)
      .map((line) => `  ${line.text.slice(0, 400)}`)
      .join('\n');
    return new Error(`${this.name} ${message}\nlog: ${this.logFile}\nlast lines:\n${tail}`);
  }

  private take(text: string): void {
    const line: OutputLine = { index: this.lines.length, text, record: parseRecord(text) };
    this.lines.push(line);
    this.file.write(`${text}\n`);
    this.events.emit('line', line);
  }
}

function parseRecord(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Kills every process this suite started and has not seen exit (afterEach, and on exit). */
export async function killAllProcesses(): Promise<void> {
  await Promise.all([...live].map((proc) => proc.kill()));
}

process.once('exit', () => {
  for (const proc of live) proc.signal('SIGKILL');
});
