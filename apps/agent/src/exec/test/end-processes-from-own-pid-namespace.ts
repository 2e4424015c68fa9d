// Run by exec-sessions.test.ts under `unshare --pid --fork`: an agent in its own pid namespace
// that still reads the host's /proc (as a containerised agent with the host's /proc mounted),
// ending a terminal's processes in a container. Prints the outcome as JSON.
import { silentLogger } from '../../cli/logger.js';
import { createDockerClient } from '../../collectors/index.js';
import { endExecProcesses } from '../end-exec-processes.js';

const [containerId = '', execId = '', sessionId = ''] = process.argv.slice(2);
const docker = createDockerClient({});
const ended = await endExecProcesses(docker, { containerId, execId, sessionId }, silentLogger(), '/proc');
docker.close();
process.stdout.write(JSON.stringify({ pid: process.pid, ended }));
