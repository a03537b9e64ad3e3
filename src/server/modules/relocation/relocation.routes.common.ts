import { z } from 'zod';
import type { Permission } from '../../../contract/permissions.ts';

/** What the relocation route files share: the OpenAPI tag, who may call, the household filter. */

export const tags = ['relocation'];
export const any: Permission[] = [
  'relocation.read',
  'relocation.manage',
  'relocation.book',
  'relocation.offer',
];
export const household: Permission[] = ['relocation.manage', 'relocation.book'];
export const offer: Permission[] = ['relocation.manage', 'relocation.offer'];
export const HouseholdQuery = z.object({ householdId: z.coerce.number().int().positive().optional() });
