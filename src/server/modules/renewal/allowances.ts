/**
 * Allowance rules (过渡费, 搬家补贴, 临时安置费 ...) computed for one household from its file, as pure
 * functions. Money is integer fen (分) throughout; areas are read to the hundredth of a m² and every
 * product is taken in BigInt, then rounded half up to the fen once — no floating-point drift.
 */
import type { AllowanceKind, AreaBasis, PersonBasis } from '../../../contract/allowances.ts';

export interface RuleParams {
  kind: AllowanceKind;
  rateFen: number;
  areaBasis: AreaBasis | null;
  personBasis: PersonBasis | null;
  months: number | null;
}

export interface AllowanceRuleLike extends RuleParams {
  id: number;
  name: string;
  note: string | null;
}

/** What the household file says (null: not recorded). */
export interface HouseholdFacts {
  areaBuilding: number | null;
  areaUsable: number | null;
  registeredCount: number | null;
  residentCount: number | null;
}

export type InputKey =
  'rate' | 'area_building' | 'area_usable' | 'registered_count' | 'resident_count' | 'months';
export interface RuleInput {
  key: InputKey;
  label: string;
  value: number;
  unit: string;
}

type Words = { zh: string; en: string };

export type Computation =
  | { ok: true; amountFen: number; formula: string; inputs: RuleInput[] }
  | { ok: false; missing: Words; inputs: RuleInput[] };

const INPUT_LABELS: Record<InputKey, Words> = {
  rate: { zh: '标准', en: 'rate' },
  area_building: { zh: '原建筑面积', en: 'original floor area' },
  area_usable: { zh: '使用面积', en: 'usable area' },
  registered_count: { zh: '户籍人数', en: 'registered household size' },
  resident_count: { zh: '常住人数', en: 'resident household size' },
  months: { zh: '过渡月数', en: 'months' },
};

const RATE_UNIT: Record<AllowanceKind, string> = {
  fixed: '元',
  per_area: '元/m²',
  per_person: '元/人',
  monthly: '元/月',
  area_monthly: '元/m²/月',
};

/** 元 as integer fen, or null when the amount has more than two decimals (finer than a fen). */
export function toFen(yuan: number): number | null {
  const fen = Math.round(yuan * 100);
  return Math.abs(yuan * 100 - fen) < 1e-6 ? fen : null;
}

/** Fen back to 元 as a number (exact to the fen when printed with two decimals). */
export const fenToYuan = (fen: number): number => fen / 100;

/** 1200000 fen → "12,000"; 123456 → "1,234.56". */
export function yuanText(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return cents ? `${grouped}.${String(cents).padStart(2, '0')}` : grouped;
}

/** A number as written in a formula: 42.5, never 42.50000001. */
const plain = (n: number): string => String(Math.round(n * 100) / 100);

function areaOf(basis: AreaBasis, h: HouseholdFacts): { key: InputKey; value: number | null } {
  return basis === 'building'
    ? { key: 'area_building', value: h.areaBuilding }
    : { key: 'area_usable', value: h.areaUsable };
}

function personsOf(basis: PersonBasis, h: HouseholdFacts): { key: InputKey; value: number | null } {
  return basis === 'registered'
    ? { key: 'registered_count', value: h.registeredCount }
    : { key: 'resident_count', value: h.residentCount };
}

const input = (key: InputKey, value: number, unit: string): RuleInput => ({
  key,
  label: INPUT_LABELS[key].zh,
  value,
  unit,
});

function missingWords(key: InputKey, ruleName: string): Words {
  const label = INPUT_LABELS[key];
  return {
    zh: `该户档案没有${label.zh}，无法按“${ruleName}”计算；请先在一户一档补全${label.zh}，或填写金额并说明理由`,
    en: `The household file has no ${label.en}, so “${ruleName}” cannot be computed; complete the file, or enter the amount with a reason`,
  };
}

/** Computes one rule for one household: the amount, the formula it was computed by, its inputs. */
export function computeAllowance(rule: AllowanceRuleLike, h: HouseholdFacts): Computation {
  const rate = input('rate', fenToYuan(rule.rateFen), RATE_UNIT[rule.kind]);
  const inputs: RuleInput[] = [rate];
  const factors: Array<{ hundredths: bigint; text: string }> = [];
  if (rule.kind === 'per_area' || rule.kind === 'area_monthly') {
    const area = areaOf(rule.areaBasis ?? 'building', h);
    if (area.value === null || !(area.value > 0))
      return { ok: false, missing: missingWords(area.key, rule.name), inputs };
    inputs.push(input(area.key, area.value, 'm²'));
    factors.push({ hundredths: BigInt(Math.round(area.value * 100)), text: `${plain(area.value)} m²` });
  }
  if (rule.kind === 'per_person') {
    const persons = personsOf(rule.personBasis ?? 'registered', h);
    if (persons.value === null) return { ok: false, missing: missingWords(persons.key, rule.name), inputs };
    inputs.push(input(persons.key, persons.value, '人'));
    factors.push({ hundredths: BigInt(persons.value) * 100n, text: `${persons.value} 人` });
  }
  if (rule.kind === 'monthly' || rule.kind === 'area_monthly') {
    const months = rule.months ?? 0;
    inputs.push(input('months', months, '个月'));
    factors.push({ hundredths: BigInt(months) * 100n, text: `${months} 个月` });
  }
  let numerator = BigInt(rule.rateFen);
  let denominator = 1n;
  for (const f of factors) {
    numerator *= f.hundredths;
    denominator *= 100n;
  }
  // half up to the fen (every factor is non-negative)
  const amountFen = Number((numerator * 2n + denominator) / (denominator * 2n));
  const head = `${yuanText(rule.rateFen)} ${RATE_UNIT[rule.kind]}`;
  const formula =
    rule.kind === 'fixed' ? `${head}（定额）` : [head, ...factors.map((f) => f.text)].join(' × ');
  return { ok: true, amountFen, formula, inputs };
}

/** The parameters a kind needs; a clear refusal per missing one (zh and en), else null. */
export function ruleParamProblem(p: {
  kind: AllowanceKind;
  areaBasis?: AreaBasis | null | undefined;
  personBasis?: PersonBasis | null | undefined;
  months?: number | null | undefined;
}): { path: string; zh: string; en: string } | null {
  const needsArea = p.kind === 'per_area' || p.kind === 'area_monthly';
  const needsMonths = p.kind === 'monthly' || p.kind === 'area_monthly';
  if (needsArea && !p.areaBasis)
    return {
      path: 'body.areaBasis',
      zh: '按面积计算的规则须选择面积口径（原建筑面积或使用面积）',
      en: 'A rule by area needs the area to use (floor area or usable area)',
    };
  if (p.kind === 'per_person' && !p.personBasis)
    return {
      path: 'body.personBasis',
      zh: '按人数计算的规则须选择人数口径（户籍人数或常住人数）',
      en: 'A rule by household size needs the count to use (registered or resident)',
    };
  if (needsMonths && !p.months)
    return {
      path: 'body.months',
      zh: '按月计算的规则须填写过渡月数（1–120 个月）',
      en: 'A monthly rule needs the number of months (1–120)',
    };
  return null;
}

/** The stored parameters of a rule: only those its kind uses. */
export function normaliseParams(p: {
  kind: AllowanceKind;
  areaBasis?: AreaBasis | null | undefined;
  personBasis?: PersonBasis | null | undefined;
  months?: number | null | undefined;
}): Pick<RuleParams, 'areaBasis' | 'personBasis' | 'months'> {
  const needsArea = p.kind === 'per_area' || p.kind === 'area_monthly';
  const needsMonths = p.kind === 'monthly' || p.kind === 'area_monthly';
  return {
    areaBasis: needsArea ? (p.areaBasis ?? null) : null,
    personBasis: p.kind === 'per_person' ? (p.personBasis ?? null) : null,
    months: needsMonths ? (p.months ?? null) : null,
  };
}

/** The exact sum in fen of amounts in 元 (each taken to the nearest fen). */
export const sumFen = (amounts: readonly number[]): number =>
  amounts.reduce((n, a) => n + Math.round(a * 100), 0);

const money = (yuan: number): string => (Math.round(yuan * 100) / 100).toFixed(2);

/** What the plan PDF prints for one item: formula = amount, then its inputs and any override. */
export function allowanceLines(a: {
  item: string;
  formula: string;
  amount: number;
  remark?: string | undefined;
  ruleId?: number | undefined;
  inputs?: RuleInput[] | undefined;
  computed?: number | null | undefined;
  overrideReason?: string | undefined;
}): string[] {
  const remark = a.remark ? `（${a.remark}）` : '';
  if (a.ruleId === undefined) return [`· ${a.item}：${a.formula} = ${money(a.amount)} 元${remark}`];
  const computed = a.computed ?? null;
  const lines = [
    computed === null
      ? `· ${a.item}：${a.formula}${remark}`
      : `· ${a.item}：${a.formula} = ${money(computed)} 元${remark}`,
  ];
  const facts = (a.inputs ?? []).filter((i) => i.key !== 'rate');
  if (facts.length) lines.push(`    依据：${facts.map((i) => `${i.label} ${i.value} ${i.unit}`).join('，')}`);
  if (a.overrideReason !== undefined)
    lines.push(
      `    人工调整为 ${money(a.amount)} 元${computed === null ? '' : `（按规则计算 ${money(computed)} 元）`}，理由：${a.overrideReason}`,
    );
  return lines;
}
