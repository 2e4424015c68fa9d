export type { ReceivedRequest, Receiver, Reply } from './http-receiver.js';
export { startReceiver } from './http-receiver.js';
