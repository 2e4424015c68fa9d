import { fileURLToPath } from 'node:url';

/** The monorepo root, from infra/test/src/harness/. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const repoPath = (path: string): string => `${REPO_ROOT}${path}`;

export const INSTALL_SCRIPT = repoPath('infra/install.sh');
export const GATEWAY_SERVER = repoPath('apps/gateway/dist/server.js');
export const API_SERVER = repoPath('apps/api/dist/server.js');
export const AGENT_BUNDLE = repoPath('apps/agent/dist/berth-agent.mjs');

/** The executable install.sh picks on this machine (x86_64, glibc), built by `npm run build`. */
export const HOST_TARGET = 'linux-x64-gnu';
export const AGENT_EXECUTABLE = repoPath(`apps/agent/dist/exe/berth-agent-${HOST_TARGET}`);

/** infra/docker/fetch-node.sh: prints the path of the Node.js binary Berth ships (fetched once). */
export const FETCH_NODE = repoPath('infra/docker/fetch-node.sh');
