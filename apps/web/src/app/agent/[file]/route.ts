import { forwardToApi } from '@/lib/api/forward-to-api';

// install.sh's native mode (and the agent's own update) downloads
// `/agent/berth-agent-linux-<arch>-<libc>` and its `.sha256` from the same address as itself;
// the API serves them (and answers 404, naming the four, for any other name).
export const dynamic = 'force-dynamic';

export { forwardToApi as GET, forwardToApi as HEAD };
