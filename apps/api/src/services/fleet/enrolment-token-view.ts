import type { EnrolmentToken as EnrolmentTokenView } from '@berth/api-contract';
import type { EnrollmentTokenModel as EnrollmentToken } from '@berth/db';
import { iso, isoOrNull } from './iso.js';

export function enrolmentTokenStatus(token: EnrollmentToken, now = new Date()): EnrolmentTokenView['status'] {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (token.maxUses !== null && token.uses >= token.maxUses) return 'exhausted';
  return 'active';
}

export function toEnrolmentTokenView(token: EnrollmentToken): EnrolmentTokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    labels: token.labels as Record<string, string>,
    maxUses: token.maxUses,
    uses: token.uses,
    status: enrolmentTokenStatus(token),
    expiresAt: iso(token.expiresAt),
    revokedAt: isoOrNull(token.revokedAt),
    createdAt: iso(token.createdAt),
    createdBy: token.createdBy,
  };
}
