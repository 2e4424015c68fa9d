export { addressBucket, normaliseAddress } from './normalise-address.js';
export { type ClientAddressInput, resolveClientAddress } from './resolve-client-address.js';
export {
  CLIENT_ADDRESS_HEADER,
  type SignedRequest,
  signClientAddress,
  verifyClientAddress,
} from './sign-client-address.js';
export { parseTrustProxy, TRUST_NONE, type TrustProxy, ZTrustProxySchema } from './trust-proxy.js';
