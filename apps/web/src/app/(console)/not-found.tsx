import { NotFoundView } from '@/components/feedback/not-found-view';

export default function ConsoleNotFound() {
  return <NotFoundView />;
}
