import type { z } from 'zod';
import type { ConfirmBody, ConfirmMethods } from '../../../contract/renewal.ts';
import type { RequestContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';

export type ConfirmMethod = (typeof ConfirmMethods)[number];
export const methodLabel = { online: '线上确认', paper: '纸质签字', in_person: '当面确认' } as const;

/**
 * Who confirmed a plan or a drawing, and how: a resident confirms online as themself; staff record a
 * confirmation given on paper or in person, naming the person (default: nobody else named, the staff
 * member) and standing as its witness.
 */
export function confirmationBy(ctx: RequestContext, body: z.infer<typeof ConfirmBody>) {
  if (ctx.actor.role === 'resident')
    return { method: 'online' as ConfirmMethod, by: ctx.actor.displayName, witness: null };
  if (body.method === 'online')
    throw invalidField(
      'body.method',
      '工作人员代为登记时请选择纸质签字或当面确认',
      'Staff record paper or in-person confirmations',
    );
  return { method: body.method, by: body.by ?? ctx.actor.displayName, witness: ctx.actor.displayName };
}
