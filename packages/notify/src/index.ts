/**
 * Notification channels: each kind's configuration schema, which of its fields are secrets, and
 * how it renders and sends a notification (a group of alerts). Used by the alerter to deliver
 * and by the API to validate channels; it keeps nothing itself — the caller's durable queue
 * decides when to send and retry.
 */
export type { ChannelDefinition, SendContext } from './channels/channel-definition.js';
export * from './channels/index.js';
export { signWebhook, webhookBody } from './channels/webhook.js';
export { deliver } from './deliver.js';
export * from './notification.js';
export { titleOf } from './render/summarise.js';
export type { DeliveryOutcome } from './transport/delivery-outcome.js';
export { parseRetryAfter, redactSecrets } from './transport/delivery-outcome.js';
export { isPrivateAddress } from './transport/destination-guard.js';
