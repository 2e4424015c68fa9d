import type { DefaultSession } from 'next-auth';

// Auth.js is typed by module augmentation; these are the claims Berth adds.
declare module 'next-auth' {
  interface Session {
    /** The organisation the console acts in (the API's default when no x-berth-org is sent). */
    orgId?: string;
    user: { id: string } & DefaultSession['user'];
  }
  interface User {
    orgId?: string | null;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    /** Berth user id. */
    sub?: string;
    /** Session id, checked by the API against its sessions table. */
    sid?: string;
    orgId?: string;
  }
}
