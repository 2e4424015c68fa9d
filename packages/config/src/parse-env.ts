import type { z } from 'zod';

/** Thrown when the environment does not satisfy a schema; `issues` name each variable. */
export class ConfigError extends Error {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses `env` with `schema`. Empty strings count as unset, because shells and
 * compose files commonly export `VAR=` to mean "not configured".
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env = process.env): z.infer<S> {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.map(String).join('.') || '(environment)';
      const given = issue.path.length === 1 ? cleaned[String(issue.path[0])] : undefined;
      const shown = given === undefined ? 'not set' : `got ${JSON.stringify(redact(name, given))}`;
      return `${name}: ${issue.message} (${shown})`;
    }),
  );
}

/** Secrets are never echoed back in error messages. */
function redact(name: string, value: string): string {
  return /SECRET|PASSWORD|TOKEN|KEY/.test(name) ? '<redacted>' : value;
}

/**
 * Process entry points call this: a bad environment prints what is wrong and
 * exits with code 2 (the conventional "usage error"), instead of a stack trace.
 */
export function loadOrExit<T>(load: () => T, log: (line: string) => void = console.error): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      log(error.message);
      process.exit(2);
    }
    throw error;
  }
}
