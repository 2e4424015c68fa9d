/**
 * Bad flags or environment: one line per problem, each naming the flag or variable. The agent's
 * own (not @berth/config's, whose module also builds every server's environment schema and would
 * ride along in the bundle on every host).
 */
export class ConfigError extends Error {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** The process environment as the configuration reads it. */
export type Env = Readonly<Record<string, string | undefined>>;
