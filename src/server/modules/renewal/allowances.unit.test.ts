import { describe, expect, it } from 'vitest';
import {
  allowanceLines,
  computeAllowance,
  ruleParamProblem,
  sumFen,
  toFen,
  yuanText,
  type AllowanceRuleLike,
  type HouseholdFacts,
} from './allowances.ts';

const file: HouseholdFacts = { areaBuilding: 42.5, areaUsable: 31.25, registeredCount: 3, residentCount: 2 };
const rule = (
  r: Partial<AllowanceRuleLike> & Pick<AllowanceRuleLike, 'kind' | 'rateFen'>,
): AllowanceRuleLike => ({
  id: 1,
  name: '过渡费',
  areaBasis: null,
  personBasis: null,
  months: null,
  note: null,
  ...r,
});

describe('allowance rules computed from the household file', () => {
  it('computes a fixed amount', () => {
    const c = computeAllowance(rule({ kind: 'fixed', rateFen: 160000 }), file);
    expect(c).toMatchObject({ ok: true, amountFen: 160000, formula: '1,600 元（定额）' });
  });

  it('computes per m² of the area the rule names', () => {
    const built = computeAllowance(rule({ kind: 'per_area', rateFen: 3000, areaBasis: 'building' }), file);
    expect(built).toMatchObject({ ok: true, amountFen: 127500, formula: '30 元/m² × 42.5 m²' });
    const usable = computeAllowance(rule({ kind: 'per_area', rateFen: 3000, areaBasis: 'usable' }), file);
    expect(usable).toMatchObject({ ok: true, amountFen: 93750, formula: '30 元/m² × 31.25 m²' });
    expect(usable.inputs).toContainEqual({ key: 'area_usable', label: '使用面积', value: 31.25, unit: 'm²' });
  });

  it('computes per person of the count the rule names', () => {
    const c = computeAllowance(rule({ kind: 'per_person', rateFen: 50000, personBasis: 'resident' }), file);
    expect(c).toMatchObject({ ok: true, amountFen: 100000, formula: '500 元/人 × 2 人' });
  });

  it('computes a monthly rate times the months of the rule', () => {
    const c = computeAllowance(rule({ kind: 'monthly', rateFen: 120000, months: 14 }), file);
    expect(c).toMatchObject({ ok: true, amountFen: 1680000, formula: '1,200 元/月 × 14 个月' });
  });

  it('computes rate × area × months as in the brief, inputs listed', () => {
    const c = computeAllowance(
      rule({ kind: 'area_monthly', rateFen: 3000, areaBasis: 'building', months: 12 }),
      file,
    );
    expect(c).toMatchObject({ ok: true, amountFen: 1530000, formula: '30 元/m²/月 × 42.5 m² × 12 个月' });
    expect(c.inputs.map((i) => i.key)).toEqual(['rate', 'area_building', 'months']);
  });

  it('rounds half up to the fen once, in integers (no float drift)', () => {
    // 0.07 元/m² × 10.05 m² = 0.7035 元 → 0.70; 0.15 × 10.1 = 1.515 → 1.52 (float gives 1.5149999)
    expect(
      computeAllowance(rule({ kind: 'per_area', rateFen: 7, areaBasis: 'building' }), {
        ...file,
        areaBuilding: 10.05,
      }),
    ).toMatchObject({ amountFen: 70 });
    expect(
      computeAllowance(rule({ kind: 'per_area', rateFen: 15, areaBasis: 'building' }), {
        ...file,
        areaBuilding: 10.1,
      }),
    ).toMatchObject({ amountFen: 152 });
    // 0.50 元/m² × 2.01 m² = 1.005 元 → 1.01; floating point makes it 100.49999… fen and rounds to 1.00
    expect(Math.round(0.5 * 2.01 * 100)).toBe(100);
    expect(
      computeAllowance(rule({ kind: 'per_area', rateFen: 50, areaBasis: 'building' }), {
        ...file,
        areaBuilding: 2.01,
      }),
    ).toMatchObject({ amountFen: 101 });
    // 33.33 元/m²/月 × 17.35 m² × 18 个月 = 10,408.959 元 → 10,408.96
    expect(
      computeAllowance(rule({ kind: 'area_monthly', rateFen: 3333, areaBasis: 'building', months: 18 }), {
        ...file,
        areaBuilding: 17.35,
      }),
    ).toMatchObject({ amountFen: 1040896 });
    expect(sumFen([0.1, 0.2, 0.3])).toBe(60);
    expect(toFen(12.345)).toBeNull();
    expect(toFen(19.99)).toBe(1999);
    expect(yuanText(123456)).toBe('1,234.56');
  });

  it('says which input the file lacks instead of computing 0', () => {
    const noArea = computeAllowance(
      rule({ kind: 'area_monthly', rateFen: 3000, areaBasis: 'building', months: 12 }),
      { ...file, areaBuilding: null },
    );
    expect(noArea.ok).toBe(false);
    if (!noArea.ok) expect(noArea.missing.zh).toContain('该户档案没有原建筑面积，无法按“过渡费”计算');
    const noPeople = computeAllowance(rule({ kind: 'per_person', rateFen: 100, personBasis: 'registered' }), {
      ...file,
      registeredCount: null,
    });
    expect(noPeople.ok ? null : noPeople.missing.en).toContain('registered household size');
  });

  it('refuses a rule without the parameters its kind needs', () => {
    expect(ruleParamProblem({ kind: 'per_area' })?.zh).toContain('面积口径');
    expect(ruleParamProblem({ kind: 'per_person' })?.zh).toContain('人数口径');
    expect(ruleParamProblem({ kind: 'area_monthly', areaBasis: 'usable' })?.path).toBe('body.months');
    expect(ruleParamProblem({ kind: 'fixed' })).toBeNull();
  });

  it('prints the formula, the inputs and an override with its reason', () => {
    const lines = allowanceLines({
      item: '过渡费',
      formula: '30 元/m² × 42.5 m²',
      amount: 1300,
      ruleId: 1,
      inputs: [{ key: 'area_building', label: '原建筑面积', value: 42.5, unit: 'm²' }],
      computed: 1275,
      overrideReason: '面积复核',
    });
    expect(lines).toEqual([
      '· 过渡费：30 元/m² × 42.5 m² = 1275.00 元',
      '    依据：原建筑面积 42.5 m²',
      '    人工调整为 1300.00 元（按规则计算 1275.00 元），理由：面积复核',
    ]);
  });
});
