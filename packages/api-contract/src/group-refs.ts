import { z } from 'zod';
import { ZUuidSchema } from './primitives.js';

// What the container and host lists need of container groups, apart from container-groups.ts
// (which builds on containers.ts) so the two modules do not import each other.

/** A group as containers carry it (the chips on the containers and container pages). */
export const ZGroupChipSchema = z.object({ id: ZUuidSchema, name: z.string(), colour: z.string() });
export type GroupChip = z.infer<typeof ZGroupChipSchema>;

/** `?group=<id>` on the container and host lists: repeatable (or comma-separated), any of them. */
export const ZGroupFilterSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : [value].flat().flatMap((v) => v.split(','))))
  .pipe(z.array(ZUuidSchema).max(20));
