import type { AlertSeverity } from '@berth/api-contract';
import { type Tone, ToneBadge } from '@/components/ui/status-badge';

const SEVERITY_TONE: Record<AlertSeverity, Tone> = { critical: 'danger', warning: 'warn', info: 'info' };

/** The severity as a word in its tone (the word carries the meaning). */
export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <ToneBadge tone={SEVERITY_TONE[severity]}>{severity}</ToneBadge>;
}
