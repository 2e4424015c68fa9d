import { GROUP_COLOURS } from '@berth/api-contract';
import { z } from 'zod';

/** The group form (create and edit); kept apart because server-action modules may export only async functions. */
export const ZGroupFormSchema = z.object({
  name: z.string().trim().min(1, 'Enter a group name').max(100, 'At most 100 characters'),
  colour: z.enum(GROUP_COLOURS, { message: 'Pick a colour' }),
  description: z.string().trim().max(500, 'At most 500 characters').default(''),
});

/** A member named by a form: the host and the container's name (the API checks the name's form). */
export const ZMemberFormSchema = z.object({
  groupId: z.string().min(1),
  hostId: z.string().min(1, 'Pick a host'),
  containerName: z.string().trim().min(1, 'Pick a container'),
});
