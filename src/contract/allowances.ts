import { z } from 'zod';
import { Timestamp } from './common.ts';

/**
 * Allowance rules of an estate (过渡费, 搬家补贴, 临时安置费 ...): how each amount of a household's
 * plan is computed from its file. Amounts travel in 元 with at most two decimals and are kept in fen.
 */

export const AllowanceKinds = [
  'fixed', // 定额
  'per_area', // 元/m² × 面积
  'per_person', // 元/人 × 人数
  'monthly', // 元/月 × 月数
  'area_monthly', // 元/m²/月 × 面积 × 月数
] as const;
export type AllowanceKind = (typeof AllowanceKinds)[number];
export const AreaBases = ['building', 'usable'] as const; // 原建筑面积 / 使用面积
export type AreaBasis = (typeof AreaBases)[number];
export const PersonBases = ['registered', 'resident'] as const; // 户籍人数 / 常住人数
export type PersonBasis = (typeof PersonBases)[number];

/** 元, up to 10 million; finer than a fen is refused by the service with a clear message. */
export const Yuan = z.number().min(0).max(10_000_000);

export const AllowanceRuleBody = z.object({
  name: z.string().trim().min(1).max(50),
  kind: z.enum(AllowanceKinds),
  /** the fixed amount, or the rate per m², per person, per month or per m² per month, in 元 */
  rate: Yuan,
  areaBasis: z.enum(AreaBases).nullish(),
  personBasis: z.enum(PersonBases).nullish(),
  months: z.number().int().min(1).max(120).nullish(),
  note: z.string().trim().max(200).nullish(),
});

export const AllowanceRule = z.object({
  id: z.number(),
  estateId: z.number(),
  name: z.string(),
  kind: z.enum(AllowanceKinds),
  rate: z.number(),
  rateFen: z.number(),
  areaBasis: z.enum(AreaBases).nullable(),
  personBasis: z.enum(PersonBases).nullable(),
  months: z.number().nullable(),
  note: z.string().nullable(),
  updatedAt: Timestamp,
});

export const RuleInput = z.object({
  key: z.enum(['rate', 'area_building', 'area_usable', 'registered_count', 'resident_count', 'months']),
  label: z.string(),
  value: z.number(),
  unit: z.string(),
});

/** One rule computed for one household ("按规则计算"); amount null with the reason when an input is missing. */
export const ComputedAllowance = z.object({
  ruleId: z.number(),
  item: z.string(),
  formula: z.string().nullable(),
  inputs: z.array(RuleInput),
  amount: z.number().nullable(),
  missing: z.string().nullable(),
  remark: z.string().nullable(),
});
export const ComputedAllowances = z.object({ items: z.array(ComputedAllowance), total: z.number() });

/** A staff change of a computed amount: the reason is required and audited. */
export const AllowanceOverride = z.object({
  ruleId: z.number().int().positive(),
  amount: Yuan,
  reason: z.string().trim().min(2).max(500),
});
