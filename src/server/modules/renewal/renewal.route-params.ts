/** Path parameters and upload settings shared by the renewal route files. */
import { z } from 'zod';

export const EstateParams = z.object({ estateId: z.coerce.number().int().positive() });
export const HouseholdVersion = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
});
export const multipart = { consumes: ['multipart/form-data'] };
