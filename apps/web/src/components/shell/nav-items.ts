import {
  Activity,
  BellRing,
  Boxes,
  HeartPulse,
  ListChecks,
  type LucideIcon,
  PackageCheck,
  ScrollText,
  Server,
  Settings,
  Tags,
} from 'lucide-react';

export type NavItem = { href: string; label: string; icon: LucideIcon };

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/fleet', label: 'Fleet', icon: Server },
  { href: '/containers', label: 'Containers', icon: Boxes },
  { href: '/groups', label: 'Groups', icon: Tags },
  { href: '/checks', label: 'Checks', icon: HeartPulse },
  { href: '/updates', label: 'Updates', icon: PackageCheck },
  { href: '/alerts', label: 'Alerts', icon: BellRing },
  { href: '/events', label: 'Events', icon: Activity },
  { href: '/actions', label: 'Actions', icon: ListChecks },
  { href: '/audit', label: 'Audit log', icon: ScrollText },
  { href: '/settings', label: 'Settings', icon: Settings },
];

/** Host pages belong to Fleet in the navigation. */
export function isActive(item: NavItem, pathname: string): boolean {
  if (item.href === '/fleet' && pathname.startsWith('/hosts/')) return true;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
