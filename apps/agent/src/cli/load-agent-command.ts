import { AGENT_VERSION } from './agent-version.js';
import { ConfigError } from './config-error.js';
import { HELP_TEXT } from './help-text.js';
import { type AgentCommand, parseAgentConfig } from './parse-agent-config.js';

/** What main.ts goes on to do: run the agent, or be the helper that recreates its container. */
export type RunnableCommand = Extract<AgentCommand, { kind: 'run' | 'recreate' }>;

export type CommandIo = {
  out: (text: string) => void;
  err: (text: string) => void;
  exit: (code: number) => never;
};

const processIo: CommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
};

/**
 * For main.ts: the configuration to run with, or — for --help, --version and bad input — the
 * process ends here (exit 0, 0 and 2), printing plain text rather than a stack trace.
 */
export function loadAgentCommand(
  argv: readonly string[] = process.argv.slice(2),
  io: CommandIo = processIo,
): RunnableCommand {
  try {
    const command = parseAgentConfig(argv);
    if (command.kind === 'help') return io.exit(printed(io, HELP_TEXT));
    if (command.kind === 'version') return io.exit(printed(io, `berth-agent ${AGENT_VERSION}\n`));
    return command;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`berth-agent: ${error.message}\nRun berth-agent --help for usage.\n`);
    return io.exit(2);
  }
}

function printed(io: CommandIo, text: string): number {
  io.out(text);
  return 0;
}
