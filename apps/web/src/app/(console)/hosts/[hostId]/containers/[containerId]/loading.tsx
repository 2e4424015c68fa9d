import { DetailSkeleton } from '@/components/skeletons/page-skeletons';

export default function Loading() {
  return <DetailSkeleton label="container" />;
}
