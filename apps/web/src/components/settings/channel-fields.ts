import { CHANNEL_KINDS, type ChannelKind } from '@berth/api-contract';

/** One input of a channel's form; `name` is the config field it fills. */
export type ChannelField = {
  name: string;
  label: string;
  kind?: 'text' | 'url' | 'lines' | 'number';
  placeholder?: string;
  hint?: string;
  optional?: boolean;
};

const webhook = (placeholder: string, hint: string): ChannelField[] => [
  { name: 'webhookUrl', label: 'Webhook URL', kind: 'url', placeholder, hint },
];

/** What each kind asks for, in the order people find it on the receiver's settings page. */
export const CHANNEL_FORM_FIELDS: Record<ChannelKind, ChannelField[]> = {
  email: [
    {
      name: 'to',
      label: 'Recipients',
      kind: 'lines',
      placeholder: 'ops@example.com',
      hint: 'One address per line (at most 20).',
    },
    {
      name: 'smtpUrl',
      label: 'Own SMTP server',
      placeholder: 'smtp://user:password@mail.example.com:587',
      hint: "Leave empty to send through this Berth's mail server.",
      optional: true,
    },
  ],
  webhook: [
    { name: 'url', label: 'URL', kind: 'url', placeholder: 'https://example.com/hooks/berth' },
    {
      name: 'signingSecret',
      label: 'Signing secret',
      hint: 'Optional, 16+ characters: each request then carries X-Berth-Signature (docs/notifications.md).',
      optional: true,
    },
    {
      name: 'headers',
      label: 'Extra headers',
      kind: 'lines',
      placeholder: 'Authorization: Bearer …',
      hint: 'One "Name: value" per line.',
      optional: true,
    },
  ],
  slack: webhook('https://hooks.slack.com/services/…', 'Slack → Apps → Incoming Webhooks → Add New Webhook.'),
  mattermost: [
    ...webhook('https://mattermost.example.com/hooks/…', 'Integrations → Incoming Webhooks.'),
    { name: 'channel', label: 'Channel', placeholder: 'town-square', optional: true },
  ],
  discord: webhook('https://discord.com/api/webhooks/…', 'Channel settings → Integrations → Webhooks.'),
  msteams: webhook(
    'https://….logic.azure.com/workflows/…',
    'A Teams "Workflows" webhook (post to a channel when a webhook request is received).',
  ),
  googlechat: webhook('https://chat.googleapis.com/v1/spaces/…', 'Space → Apps & integrations → Webhooks.'),
  telegram: [
    {
      name: 'botToken',
      label: 'Bot token',
      placeholder: '123456789:AA…',
      hint: 'From @BotFather; add the bot to the chat.',
    },
    { name: 'chatId', label: 'Chat', placeholder: '-1001234567890 or @channel' },
    {
      name: 'messageThreadId',
      label: 'Topic id',
      kind: 'number',
      optional: true,
      hint: 'For a forum supergroup.',
    },
    {
      name: 'apiUrl',
      label: 'Bot API server',
      kind: 'url',
      optional: true,
      placeholder: 'https://api.telegram.org',
    },
  ],
  ntfy: [
    { name: 'serverUrl', label: 'Server', kind: 'url', optional: true, placeholder: 'https://ntfy.sh' },
    {
      name: 'topic',
      label: 'Topic',
      placeholder: 'berth-alerts-7f3k2',
      hint: 'On a public server, anyone who knows it can subscribe: make it long.',
    },
    { name: 'accessToken', label: 'Access token', optional: true, placeholder: 'tk_…' },
  ],
  gotify: [
    { name: 'serverUrl', label: 'Server', kind: 'url', placeholder: 'https://gotify.example.com' },
    { name: 'appToken', label: 'Application token', hint: 'Gotify → Apps → create an application.' },
  ],
  pushover: [
    { name: 'userKey', label: 'User or group key' },
    { name: 'appToken', label: 'Application token' },
    { name: 'device', label: 'Device', optional: true },
    { name: 'apiUrl', label: 'API', kind: 'url', optional: true, placeholder: 'https://api.pushover.net' },
  ],
  pagerduty: [
    { name: 'routingKey', label: 'Integration key', hint: 'An Events API v2 integration of the service.' },
    {
      name: 'apiUrl',
      label: 'Events API',
      kind: 'url',
      optional: true,
      placeholder: 'https://events.pagerduty.com',
      hint: 'https://events.eu.pagerduty.com for EU accounts.',
    },
  ],
  opsgenie: [
    { name: 'apiKey', label: 'API key' },
    {
      name: 'apiUrl',
      label: 'API',
      kind: 'url',
      optional: true,
      placeholder: 'https://api.opsgenie.com',
      hint: 'https://api.eu.opsgenie.com for EU accounts.',
    },
  ],
  matrix: [
    { name: 'homeserverUrl', label: 'Homeserver', kind: 'url', placeholder: 'https://matrix.example.org' },
    {
      name: 'accessToken',
      label: 'Access token',
      hint: "A bot account's token; the bot must have joined the room.",
    },
    { name: 'roomId', label: 'Room id', placeholder: '!abc123:example.org' },
  ],
};

export function isSecretField(kind: ChannelKind, field: string): boolean {
  return (CHANNEL_KINDS[kind].secretFields as readonly string[]).includes(field);
}

/**
 * A channel's config from its form: empty inputs left out (the API fills defaults and names
 * missing fields), line lists split, `Name: value` header lines read. The API validates the
 * result; this only shapes it.
 */
export function channelConfigFromForm(kind: ChannelKind, form: FormData): Record<string, unknown> {
  const config: Record<string, unknown> = { kind };
  for (const field of CHANNEL_FORM_FIELDS[kind]) {
    const raw = form.get(field.name);
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') continue;
    if (field.name === 'headers') config.headers = headerLines(text);
    else if (field.kind === 'lines')
      config[field.name] = text
        .split(/[\n,]/)
        .map((line) => line.trim())
        .filter(Boolean);
    else if (field.kind === 'number') config[field.name] = Number(text);
    else config[field.name] = text;
  }
  return config;
}

function headerLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at <= 0) {
      // Kept as a name without a value: the API names it as an invalid header.
      if (line.trim()) headers[line.trim()] = '';
      continue;
    }
    headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return headers;
}
