import type { Role } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import { type Principal, roleAtLeast } from './principal.js';
import type { Caller } from './resolve-principal.js';

/** `public`: anyone; `signed-in`: a console user, org optional; a role: that role or above in the org. */
export type Access = 'public' | 'signed-in' | Role;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function checkAccess(caller: Caller, access: Access): void {
  if (caller.kind === 'bad_token')
    throw new AppError('unauthorised', 'API token is invalid, expired or revoked');
  if (access === 'public') return;
  if (caller.kind === 'anonymous') throw new AppError('unauthorised', 'sign in or send an API token');
  if (access === 'signed-in') {
    if (caller.kind !== 'user')
      throw new AppError('forbidden', 'this endpoint is for signed-in users, not API tokens');
    return;
  }
  const principal = caller.principal;
  if (!principal) throw new AppError('forbidden', 'you are not a member of this organisation');
  if (!roleAtLeast(principal.role, access)) {
    throw new AppError('forbidden', `requires the ${access} role or above (you are ${principal.role})`);
  }
}

/**
 * Cookie-authenticated writes must come from the console's own origin: browsers always
 * send `Origin` on cross-site POSTs, so a forged form or fetch from elsewhere is refused.
 * Bearer-token calls carry no ambient credentials and need no such check.
 */
export function checkCsrf(caller: Caller, request: FastifyRequest, consoleOrigin: string): void {
  if (caller.kind !== 'user' || !UNSAFE.has(request.method)) return;
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if (origin === consoleOrigin || site === 'same-origin') return;
  throw new AppError('forbidden', 'cross-site request refused (Origin does not match the console)');
}

export function requirePrincipal(caller: Caller): Principal {
  const principal = caller.kind === 'token' || caller.kind === 'user' ? caller.principal : null;
  if (!principal) throw new AppError('forbidden', 'no organisation selected');
  return principal;
}
