import { addressBucket, resolveClientAddress } from '@berth/config';
import { crossTenantEnrolHost, hashSecret, issueSecret } from '@berth/db/sql';
import { AppError, parseInput } from '@berth/http';
import { type EnrolResponse, ZEnrolRequestSchema } from '@berth/protocol';
import type { FastifyInstance } from 'fastify';
import { createTokenBucket, type TokenBucket, takeToken } from '../agents/token-bucket.js';
import type { GatewayContext } from '../context.js';

const REFUSED = {
  unknown: new AppError('unauthorised', 'enrolment token not recognised'),
  expired: new AppError('gone', 'enrolment token expired: create a new one in Settings → Enrolment'),
  revoked: new AppError('gone', 'enrolment token was revoked'),
  exhausted: new AppError('gone', 'enrolment token has been used its maximum number of times'),
} as const;

const PER_IP_PER_MINUTE = 30;

/** `POST /agent/v1/enrol`: a new host trades an enrolment token for its own credential. */
export function registerEnrolHost(app: FastifyInstance, ctx: GatewayContext): void {
  const buckets = new Map<string, TokenBucket>();
  setInterval(() => buckets.clear(), 10 * 60_000).unref();
  app.post('/agent/v1/enrol', async (request, reply) => {
    const now = Date.now();
    const client = addressBucket(
      resolveClientAddress({
        peer: request.socket.remoteAddress,
        forwardedFor: request.headers['x-forwarded-for'],
        trust: ctx.trustProxy,
      }) ?? 'unknown',
    );
    const bucket = buckets.get(client) ?? createTokenBucket(PER_IP_PER_MINUTE, now);
    buckets.set(client, bucket);
    if (!takeToken(bucket, PER_IP_PER_MINUTE, PER_IP_PER_MINUTE / 60, now)) {
      throw new AppError('rate_limited', 'too many enrolment attempts from this address; wait a minute');
    }
    const { token, host } = parseInput(ZEnrolRequestSchema, request.body);
    const credential = issueSecret('host');
    const outcome = await crossTenantEnrolHost(ctx.db, hashSecret(token), {
      name: host.hostname,
      hostname: host.hostname,
      os: host.os,
      kernel: host.kernel,
      arch: host.arch,
      cpus: host.cpus,
      memTotal: BigInt(host.memTotal),
      dockerVersion: host.dockerVersion,
      credentialHash: credential.hash,
    });
    if (outcome.status !== 'ok') throw REFUSED[outcome.status];
    ctx.log.info({ hostId: outcome.hostId, orgId: outcome.orgId, hostname: host.hostname }, 'host enrolled');
    const body: EnrolResponse = { hostId: outcome.hostId, credential: credential.secret };
    return reply.status(201).send(body);
  });
}
