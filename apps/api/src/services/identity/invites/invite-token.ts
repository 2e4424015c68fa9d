import { randomBytes } from 'node:crypto';
import { hashSecret } from '@berth/db';

/** Invite links carry a 256-bit secret with a recognisable prefix; only its SHA-256 is stored. */
export function issueInviteToken(): { token: string; hash: string } {
  const token = `berth_invite_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecret(token) };
}
