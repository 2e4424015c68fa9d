import { forwardToApi } from '@/lib/api/forward-to-api';

// Every call is forwarded live, with the caller's cookie; nothing here may be cached.
export const dynamic = 'force-dynamic';

export {
  forwardToApi as DELETE,
  forwardToApi as GET,
  forwardToApi as HEAD,
  forwardToApi as OPTIONS,
  forwardToApi as PATCH,
  forwardToApi as POST,
  forwardToApi as PUT,
};
