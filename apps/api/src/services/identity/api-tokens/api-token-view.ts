import type { ApiToken as ApiTokenAnswer } from '@berth/api-contract';
import type { ApiTokenModel as ApiToken } from '@berth/db';

export type ApiTokenView = ApiTokenAnswer;

export function apiTokenView(token: ApiToken): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    role: token.role,
    createdBy: token.createdBy,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
