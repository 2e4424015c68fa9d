import { type ParseArgsConfig, parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { DEFAULT_SPOOL_MAX_BYTES } from '../spool/spool.js';
import { ConfigError, type Env } from './config-error.js';
import { LOG_LEVELS } from './logger.js';
import { parseByteSize } from './parse-byte-size.js';

export const DEFAULT_STATE_DIR = '/var/lib/berth-agent';

const booleanText = z.pipe(
  z.enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'expected 1/0, true/false or yes/no' }),
  z.transform(
    (value: '1' | '0' | 'true' | 'false' | 'yes' | 'no') =>
      value === '1' || value === 'true' || value === 'yes',
  ),
);

/** An http(s) URL without its trailing slashes. */
const httpUrl = z.pipe(
  z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  z.transform((url: string) => url.replace(/\/+$/, '')),
);

const nonEmpty = z.string().check(z.minLength(1));

export const ZAgentConfigSchema = z.object({
  server: z.optional(httpUrl),
  token: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be empty'))),
  stateDir: z._default(nonEmpty, DEFAULT_STATE_DIR),
  intervalMs: z._default(
    z.pipe(
      z.pipe(
        z.string().check(z.trim(), z.regex(/^\d+(\.\d+)?$/, 'expected a number of seconds')),
        z.transform(Number),
      ),
      z.pipe(
        z.number().check(z.gte(1, 'must be at least 1 second'), z.lte(3_600, 'must be at most 3600 seconds')),
        z.transform((seconds: number) => Math.round(seconds * 1000)),
      ),
    ),
    10_000,
  ),
  // A flag arrives as a boolean, a variable as text.
  readOnly: z._default(
    z.pipe(
      z.transform((value: unknown) => (typeof value === 'boolean' ? String(value) : value)),
      booleanText,
    ),
    false,
  ),
  /** Serve `docker exec` terminals from the console (docs/exec.md); never together with readOnly. */
  allowExec: z._default(
    z.pipe(
      z.transform((value: unknown) => (typeof value === 'boolean' ? String(value) : value)),
      booleanText,
    ),
    false,
  ),
  logLevel: z._default(z.enum(LOG_LEVELS), 'info'),
  dockerHost: z.optional(nonEmpty),
  procRoot: z._default(nonEmpty, '/proc'),
  /** The host's root filesystem (disks, os-release, machine id) when run in a container. */
  hostRoot: z._default(nonEmpty, '/'),
  /**
   * How install.sh installed this agent, which decides how `update` replaces it: `native` (the
   * running bundle file is replaced, the supervisor restarts it) or `docker` (the container is
   * recreated from the new image). Unset: the agent does not update itself.
   */
  installMode: z.optional(z.enum(['native', 'docker'], { error: 'expected native or docker' })),
  /** Where `update` downloads the native bundle (`/agent/berth-agent.mjs`); default: the server. */
  downloadUrl: z.optional(httpUrl),
  spoolMaxBytes: z._default(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform(
          (text: string, ctx) =>
            parseByteSize(text) ?? invalid(ctx, 'expected a size like 67108864, 512MiB or 1GiB'),
        ),
      ),
      z.number().check(z.gte(1024 * 1024, 'must be at least 1MiB')),
    ),
    DEFAULT_SPOOL_MAX_BYTES,
  ),
});
export type AgentConfig = z.infer<typeof ZAgentConfigSchema>;
type ConfigKey = keyof AgentConfig;

/** Where each setting comes from: a flag first, then an environment variable. */
const SOURCES: Record<ConfigKey, { flag: string; env: string }> = {
  server: { flag: 'server', env: 'BERTH_SERVER' },
  token: { flag: 'token', env: 'BERTH_TOKEN' },
  stateDir: { flag: 'state-dir', env: 'BERTH_STATE_DIR' },
  intervalMs: { flag: 'interval', env: 'BERTH_INTERVAL' },
  readOnly: { flag: 'read-only', env: 'BERTH_READ_ONLY' },
  allowExec: { flag: 'allow-exec', env: 'BERTH_ALLOW_EXEC' },
  logLevel: { flag: 'log-level', env: 'BERTH_LOG_LEVEL' },
  dockerHost: { flag: 'docker-host', env: 'DOCKER_HOST' },
  procRoot: { flag: 'proc-root', env: 'BERTH_PROC_ROOT' },
  hostRoot: { flag: 'host-root', env: 'BERTH_HOST_ROOT' },
  spoolMaxBytes: { flag: 'spool-max-bytes', env: 'BERTH_SPOOL_MAX_BYTES' },
  installMode: { flag: 'install-mode', env: 'BERTH_INSTALL_MODE' },
  downloadUrl: { flag: 'download-url', env: 'BERTH_DOWNLOAD_URL' },
};
const SECRETS: ReadonlySet<ConfigKey> = new Set(['token']);

const OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  'state-dir': { type: 'string' },
  interval: { type: 'string' },
  'read-only': { type: 'boolean' },
  'allow-exec': { type: 'boolean' },
  'log-level': { type: 'string' },
  'docker-host': { type: 'string' },
  'proc-root': { type: 'string' },
  'host-root': { type: 'string' },
  'spool-max-bytes': { type: 'string' },
  'install-mode': { type: 'string' },
  'download-url': { type: 'string' },
  'recreate-container': { type: 'string' },
  image: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

/** `recreate`: the short-lived helper container of a docker-mode `update` (see actions/self-update). */
export type RecreateRequest = { containerId: string; image: string };

export type AgentCommand =
  | { kind: 'run'; config: AgentConfig }
  | { kind: 'recreate'; request: RecreateRequest; dockerHost: string | undefined }
  | { kind: 'help' }
  | { kind: 'version' };

const ZRecreateSchema = z.object({
  containerId: z.string().check(z.regex(/^[0-9a-f]{12,64}$/, 'expected a container id')),
  image: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$/, 'expected an image reference')),
});

/**
 * The agent's configuration from argv and the environment (a flag wins; an empty variable counts
 * as unset). The only place the agent reads the environment. Throws `ConfigError` with one line
 * per problem, each naming the flag or variable it came from.
 */
// biome-ignore lint/style/noProcessEnv: the agent's one configuration module reads the environment here.
export function parseAgentConfig(argv: readonly string[], env: Env = process.env): AgentCommand {
  const values = parseFlags(argv);
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };
  if (values['recreate-container'] !== undefined) return recreateCommand(values, env);
  const raw: Partial<Record<ConfigKey, string | boolean>> = {};
  const origin: Partial<Record<ConfigKey, string>> = {};
  for (const [key, { flag, env: name }] of Object.entries(SOURCES) as [
    ConfigKey,
    { flag: string; env: string },
  ][]) {
    const fromFlag = values[flag];
    const fromEnv = env[name];
    if (fromFlag !== undefined) {
      raw[key] = fromFlag;
      origin[key] = `--${flag}`;
    } else if (fromEnv !== undefined && fromEnv !== '') {
      raw[key] = fromEnv;
      origin[key] = name;
    }
  }
  const result = ZAgentConfigSchema.safeParse(raw);
  if (result.success) return { kind: 'run', config: result.data };
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const key = issue.path[0] as ConfigKey;
      const value = raw[key];
      const shown = SECRETS.has(key) ? '<redacted>' : JSON.stringify(value);
      return `${origin[key] ?? `--${SOURCES[key]?.flag}`}: ${issue.message} (got ${shown})`;
    }),
  );
}

function recreateCommand(values: Record<string, string | boolean | undefined>, env: Env): AgentCommand {
  const result = ZRecreateSchema.safeParse({
    containerId: values['recreate-container'],
    image: values.image,
  });
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const flag = issue.path[0] === 'image' ? '--image' : '--recreate-container';
        return `${flag}: ${issue.message}`;
      }),
    );
  }
  const dockerHost = values['docker-host'] ?? env.DOCKER_HOST;
  return {
    kind: 'recreate',
    request: result.data,
    dockerHost: typeof dockerHost === 'string' && dockerHost !== '' ? dockerHost : undefined,
  };
}

function parseFlags(argv: readonly string[]): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ConfigError([describeArgError(error)]);
  }
}

function describeArgError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  const named = /'([^']+)'/.exec(message)?.[1]?.split(' ')[0] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `${named}: unknown option (see --help)`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `${named}: unexpected argument (see --help)`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return message.includes('argument missing') ? `${named}: needs a value` : `${named}: ${message}`;
  }
  return message;
}

function invalid(ctx: z.core.ParsePayload, message: string): never {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
  return z.NEVER;
}
