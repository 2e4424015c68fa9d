/**
 * A numeric bench option from `--name=value` on the command line or `BENCH_NAME` in the
 * environment (the command line wins), e.g. `--hosts=2000` or `BENCH_HOSTS=2000`.
 */
export function readOption(name: string, fallback: number): number {
  const raw = readRawOption(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`--${name}: expected a number, got ${JSON.stringify(raw)}`);
  return value;
}

export function readRawOption(name: string): string | undefined {
  const flag = `--${name}=`;
  const fromArgs = process.argv.find((arg) => arg.startsWith(flag))?.slice(flag.length);
  if (fromArgs !== undefined) return fromArgs;
  const fromEnv = process.env[`BENCH_${name.toUpperCase().replaceAll('-', '_')}`];
  return fromEnv === '' ? undefined : fromEnv;
}
