import { forwardToApi } from '@/lib/api/forward-to-api';

// The install command fetches `<BERTH_PUBLIC_URL>/install.sh`, the console's own address; the
// API serves it. No session: a host has none (src/proxy.ts leaves this path alone).
export const dynamic = 'force-dynamic';

export { forwardToApi as GET, forwardToApi as HEAD };
