import { z } from 'zod';
import { ZContainerHealthSchema, ZContainerStateSchema } from './containers.js';
import { pageSchema } from './paging.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

export * from './group-refs.js';

/**
 * The colours a group may take: strong enough to tell apart at a glance, each with at least 3:1
 * contrast against white and the dark theme's surface (the console draws them as a dot beside
 * the name, never as the text colour). A fixed palette keeps chips legible everywhere.
 */
export const GROUP_COLOURS = [
  '#2563eb', // blue
  '#0891b2', // cyan
  '#0d9488', // teal
  '#16a34a', // green
  '#ca8a04', // amber
  '#ea580c', // orange
  '#dc2626', // red
  '#db2777', // pink
  '#9333ea', // purple
  '#64748b', // slate
] as const;
export const ZGroupColourSchema = z.enum(GROUP_COLOURS, { message: 'one of the palette colours' });
export type GroupColour = z.infer<typeof ZGroupColourSchema>;

export const ZContainerGroupSchema = z.object({
  id: ZUuidSchema,
  name: z.string(),
  colour: z.string(),
  description: z.string(),
  /** Members on hosts the caller may see (operators and viewers in a host-limited team see fewer). */
  memberCount: z.int(),
  createdAt: ZIsoDateSchema,
  updatedAt: ZIsoDateSchema,
});
export type ContainerGroup = z.infer<typeof ZContainerGroupSchema>;
export const ZContainerGroupPageSchema = pageSchema(ZContainerGroupSchema);

/** A member (a host and a container name) and the container answering to it now, if any. */
export const ZContainerGroupMemberSchema = z.object({
  hostId: ZUuidSchema,
  hostName: z.string(),
  containerName: z.string(),
  addedAt: ZIsoDateSchema,
  /** The present (not removed) container with this name on the host; null: not present. */
  container: z
    .object({ containerId: z.string(), state: ZContainerStateSchema, health: ZContainerHealthSchema })
    .nullable(),
});
export type ContainerGroupMember = z.infer<typeof ZContainerGroupMemberSchema>;

export const ZContainerGroupDetailSchema = ZContainerGroupSchema.extend({
  members: z.array(ZContainerGroupMemberSchema),
});
export type ContainerGroupDetail = z.infer<typeof ZContainerGroupDetailSchema>;

export const ZGroupNameSchema = z.string().trim().min(1, 'a name').max(100);
export const ZGroupDescriptionSchema = z.string().trim().max(500, 'at most 500 characters');
/** Docker's container names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+` (a leading `/` is not part of it). */
export const ZContainerNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/, 'a Docker container name (letters, digits, _ . -)');

export const ZContainerGroupParamsSchema = z.object({ groupId: ZUuidSchema });

export const ZNewContainerGroupSchema = z.object({
  name: ZGroupNameSchema,
  colour: ZGroupColourSchema,
  description: ZGroupDescriptionSchema.default(''),
});
export type NewContainerGroup = z.input<typeof ZNewContainerGroupSchema>;

export const ZContainerGroupChangeSchema = z
  .object({
    name: ZGroupNameSchema.optional(),
    colour: ZGroupColourSchema.optional(),
    description: ZGroupDescriptionSchema.optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), 'nothing to change');
export type ContainerGroupChange = z.input<typeof ZContainerGroupChangeSchema>;

/**
 * A member to add or remove: the container's host and its NAME (not its id, which recreation
 * changes). The name need not exist yet: a group may name a container before it is deployed.
 */
export const ZContainerGroupMemberParamsSchema = z.object({
  groupId: ZUuidSchema,
  hostId: ZUuidSchema,
  containerName: ZContainerNameSchema,
});
