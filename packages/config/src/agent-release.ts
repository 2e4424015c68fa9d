/**
 * The agent version this Berth release ships (apps/agent's package.json, kept equal by a test):
 * the default of BERTH_AGENT_VERSION, which gateways announce in `welcome` and the API compares
 * hosts against. A copy rather than a read of package.json, because gateway and API images do not
 * carry the agent's package.
 */
export const AGENT_RELEASE_VERSION = '0.1.0';
