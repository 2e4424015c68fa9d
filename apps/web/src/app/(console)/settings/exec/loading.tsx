import { SettingsSectionSkeleton } from '@/components/settings/settings-section-skeleton';

export default function Loading() {
  return <SettingsSectionSkeleton label="Exec" />;
}
