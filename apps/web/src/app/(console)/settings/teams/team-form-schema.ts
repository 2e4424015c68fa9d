import { z } from 'zod';
import { ZLabelsTextSchema } from '@/components/settings/form-parsing';

/** The team form (create and edit); kept apart because server-action modules may export only async functions. */
export const ZTeamFormSchema = z.object({
  name: z.string().trim().min(1, 'Enter a team name').max(100, 'At most 100 characters'),
  hostSelector: ZLabelsTextSchema,
});
