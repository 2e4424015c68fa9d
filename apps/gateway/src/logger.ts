import type { FastifyBaseLogger } from 'fastify';

/** Fastify's pino logger; everything in the gateway logs through it (structured JSON). */
export type GatewayLogger = FastifyBaseLogger;
