/**
 * Defined by apps/agent/scripts/compile.mjs (`bun build --define`) as the executable's target,
 * `linux-<x64|arm64>-<gnu|musl>`; undeclared — so `typeof` says undefined — under Node.js, where
 * the sources and the bundle run for tests and development.
 */
declare const BERTH_AGENT_TARGET: string | undefined;

export type RunningExecutable = { path: string; target: string };

/** The compiled agent this process is (its file and target), or undefined under Node.js. */
export function runningExecutable(): RunningExecutable | undefined {
  if (typeof BERTH_AGENT_TARGET !== 'string') return undefined;
  // In a Bun-compiled executable, execPath is the executable itself (argv[1] is a virtual path).
  return { path: process.execPath, target: BERTH_AGENT_TARGET };
}
