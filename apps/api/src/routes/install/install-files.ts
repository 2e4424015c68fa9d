import { fileURLToPath } from 'node:url';

/** Where the install routes find what they serve; every path may be overridden. */
export type InstallFilesOptions = {
  /** infra/install.sh: the template GET /install.sh renders. */
  installScriptPath?: string;
  /** The agent's executables, `berth-agent-linux-<arch>-<libc>` (apps/agent/dist/exe). */
  agentExecutablesDir?: string;
  /** Baked into the script as the default image tag; defaults to the agent package's version. */
  agentVersion?: string;
  /** The agent's package.json, read for its version when `agentVersion` is not given. */
  agentPackagePath?: string;
};

export type InstallFiles = Required<Omit<InstallFilesOptions, 'agentVersion'>> & { agentVersion?: string };

// Relative to this module, which sits at the same depth in src/ and dist/: apps/api/{src,dist}/routes/install/.
const fromRepo = (path: string) => fileURLToPath(new URL(`../../../../../${path}`, import.meta.url));

/** The monorepo layout (also kept in the API image: /app/infra, /app/apps/agent/dist/exe). */
export function resolveInstallFiles(options: InstallFilesOptions = {}): InstallFiles {
  return {
    installScriptPath: options.installScriptPath ?? fromRepo('infra/install.sh'),
    agentExecutablesDir: options.agentExecutablesDir ?? fromRepo('apps/agent/dist/exe'),
    agentPackagePath: options.agentPackagePath ?? fromRepo('apps/agent/package.json'),
    ...(options.agentVersion ? { agentVersion: options.agentVersion } : {}),
  };
}
