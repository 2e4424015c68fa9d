import { z } from 'zod';

/** Organisation roles, most to least powerful. */
export const ROLES = ['owner', 'admin', 'operator', 'viewer'] as const;
export const ZRoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof ZRoleSchema>;
