import type { RouteInfo } from '../../context.js';

/** Every identity route: registered by registerIdentityRoutes (URL prefixes of that area). */
const PREFIXES = [
  '/api/v1/auth/',
  '/api/v1/me/',
  '/api/v1/orgs',
  '/api/v1/org/',
  '/api/v1/members',
  '/api/v1/invites',
  '/api/v1/teams',
  '/api/v1/api-tokens',
  '/api/v1/audit-logs',
];

export function identityRoutes(routes: readonly RouteInfo[]): RouteInfo[] {
  return routes.filter((route) => PREFIXES.some((prefix) => route.url.startsWith(prefix)));
}

export const routeKey = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
