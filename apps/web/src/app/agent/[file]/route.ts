import { forwardToApi } from '@/lib/api/forward-to-api';

// install.sh's native mode downloads `/agent/berth-agent.mjs` and its `.sha256` from the same
// address as itself; the API serves them (and answers 404 for any other name).
export const dynamic = 'force-dynamic';

export { forwardToApi as GET, forwardToApi as HEAD };
