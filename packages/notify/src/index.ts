/**
 * Notification channels: how each kind renders and sends a notification (a group of alerts) and
 * where it points, without secrets. Each kind's configuration schema, label and secret fields
 * are the API contract's (`@berth/api-contract`, notification-channels.ts). It keeps nothing
 * itself: the caller's durable queue decides when to send and retry.
 */
export type { ChannelDefinition, SendContext } from './channels/channel-definition.js';
export { CHANNELS, channelDefinition, describeChannel, labelOf } from './channels/index.js';
export { signWebhook, webhookBody } from './channels/webhook.js';
export { deliver } from './deliver.js';
export * from './notification.js';
export { titleOf } from './render/summarise.js';
export type { DeliveryOutcome } from './transport/delivery-outcome.js';
export { parseRetryAfter, redactSecrets } from './transport/delivery-outcome.js';
export { isPrivateAddress } from './transport/destination-guard.js';
