import { createApiClient } from './api-client';

/** The API from client components: same origin, through the /api/v1 proxy, cookie attached by the browser. */
export const browserApi = createApiClient({ baseUrl: '' });
