import { ListPageSkeleton } from '@/components/skeletons/page-skeletons';

export default function Loading() {
  return <ListPageSkeleton label="check" />;
}
