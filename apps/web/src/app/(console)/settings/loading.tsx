import { SettingsSkeleton } from '@/components/skeletons/page-skeletons';

export default function Loading() {
  return <SettingsSkeleton />;
}
