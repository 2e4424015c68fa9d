import { type NextRequest, NextResponse } from 'next/server';
import { isSessionCookie } from '@/lib/auth/session-cookie';

/**
 * An optimistic check only: no session cookie → the sign-in page, remembering where the
 * person was going. The console layout verifies the session itself (signature, expiry).
 */
export function proxy(request: NextRequest): NextResponse {
  const hasSession = request.cookies.getAll().some((cookie) => isSessionCookie(cookie.name));
  if (hasSession) return NextResponse.next();
  const target = new URL('/sign-in', request.url);
  const wanted = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (wanted !== '/') target.searchParams.set('callbackUrl', wanted);
  return NextResponse.redirect(target);
}

export const config = {
  // Console pages only: not the API proxy, Auth.js, static assets or the public auth pages.
  matcher: [
    '/((?!api/|_next/|favicon\\.ico|icon\\.svg|sign-in|sign-up|reset-password|invite/|install\\.sh|agent/).*)',
  ],
};
