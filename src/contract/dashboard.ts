import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { Permissions } from './permissions.ts';
import { stageLabels } from './households.ts';

/**
 * Whole-process dashboards (全过程看板) for leaders: one per estate and per street, across the three
 * phases, every figure computed from the modules' records and linked to the records behind it;
 * district/city users compare the streets they are granted.
 */

export const Phases = ['before', 'during', 'after'] as const; // 改造前 / 改造中 / 改造后
export type Phase = (typeof Phases)[number];

/** Where a figure leads: a page of the module, already filtered, and the permission it needs. */
export const FigureLink = z.object({
  href: z.string(),
  permission: z.array(z.enum(Permissions)),
});
export type FigureLink = z.infer<typeof FigureLink>;

export const Figure = z.object({
  /** A key of `figureLabels` (or of a series: a stage, a phase, a status). */
  key: z.string(),
  /** A label given by the records themselves (a round's title, a street's name). */
  label: z.string().nullable(),
  /** A count, or a rate between 0 and 1; null when there is nothing to divide by. */
  value: z.number().nullable(),
  kind: z.enum(['count', 'rate']),
  /** For a rate: the numerator and the denominator it was computed from. */
  count: z.number().nullable(),
  of: z.number().nullable(),
  link: FigureLink.nullable(),
});
export type Figure = z.infer<typeof Figure>;

export const CardKeys = [
  'households',
  'rounds',
  'plans',
  'relocation',
  'construction',
  'council',
  'mediation',
  'outcome',
  'legislation',
  'suggestions',
  'safety',
  'antifraud',
] as const;
export type CardKey = (typeof CardKeys)[number];

export const Card = z.object({
  key: z.enum(CardKeys),
  /** 'street' when the module's records belong to the whole street, not to one estate. */
  scope: z.enum(['estate', 'street']),
  link: FigureLink.nullable(),
  figures: z.array(Figure),
  /** What the card's chart shows (a funnel, a breakdown), each item linked like a figure. */
  series: z.array(Figure),
});
export type Card = z.infer<typeof Card>;

export const DashboardQuery = z.object({
  estateId: Id.optional(),
  /** Another street than the one acted in: needs stats.cross_tenant and a grant. */
  tenantId: Id.optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const Dashboard = z.object({
  tenant: z.object({ id: z.number(), name: z.string() }),
  estate: z.object({ id: z.number(), name: z.string() }).nullable(),
  estates: z.array(z.object({ id: z.number(), name: z.string(), households: z.number() })),
  generatedAt: Timestamp,
  phases: z.array(z.object({ key: z.enum(Phases), cards: z.array(Card) })),
  /** Cards left out because their module's records are not in this database yet. */
  unavailable: z.array(z.enum(CardKeys)),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** The figures put side by side when streets are compared. */
export const CompareKeys = [
  'households',
  'visitRate',
  'signingRate',
  'successRate',
  'beautificationRate',
  'openConcerns',
  'overdueFollowUps',
  'topics',
  'councilProjects',
  'mediationSuccessRate',
  'legislationEvents',
  'opinions',
  'adopted',
  'suggestions',
  'suggestionProjects',
  'alarms',
  'openWorkOrders',
  'faceToFaceRate',
] as const;

export const Comparison = z.object({
  generatedAt: Timestamp,
  keys: z.array(z.string()),
  streets: z.array(
    z.object({ tenantId: z.number(), name: z.string(), figures: z.array(Figure), link: z.string() }),
  ),
});
export type Comparison = z.infer<typeof Comparison>;

export const ReportFormats = ['xlsx', 'pdf'] as const;
export const ReportBody = z.object({
  format: z.enum(ReportFormats),
  /** 'dashboard': one street or estate; 'compare': the granted streets side by side. */
  kind: z.enum(['dashboard', 'compare']).default('dashboard'),
  estateId: Id.optional(),
  /** Another granted street's dashboard (district users). */
  tenantId: Id.optional(),
});
export type ReportBody = z.infer<typeof ReportBody>;
export const ReportQueued = z.object({ jobId: z.number() });

type Label = { zh: string; en: string };

export const phaseLabels: Record<Phase, Label> = {
  before: { zh: '改造前', en: 'Before renewal' },
  during: { zh: '改造中', en: 'During renewal' },
  after: { zh: '改造后', en: 'After renewal' },
};

export const cardLabels: Record<CardKey, Label> = {
  households: { zh: '走访与诉求（一户一档）', en: 'Visits and concerns' },
  rounds: { zh: '征询与签约', en: 'Consultation and signing' },
  plans: { zh: '一户一方案 · 一户一图纸', en: 'Plans and drawings' },
  relocation: { zh: '搬家、临时仓库与找房', en: 'Moving, storage and rentals' },
  construction: { zh: '施工与验收', en: 'Construction and acceptance' },
  council: { zh: '红色议事厅', en: 'Council hall' },
  mediation: { zh: '矛盾联调（人民调解）', en: 'Mediation' },
  outcome: { zh: '改造成效', en: 'Renewal outcome' },
  legislation: { zh: '基层立法联系点', en: 'Legislative consultation' },
  suggestions: { zh: '人民建议征集', en: "People's suggestions" },
  safety: { zh: '六防 · 安全告警与工单', en: 'Safety alarms and work orders' },
  antifraud: { zh: '反诈回访', en: 'Anti-fraud visits' },
};

const phaseOfBuilding: Record<string, Label> = {
  phase_none: { zh: '未开工', en: 'Not started' },
  phase_moved_out: { zh: '搬离完成', en: 'Moved out' },
  phase_started: { zh: '开工', en: 'Started' },
  phase_structure_done: { zh: '主体完成', en: 'Structure done' },
  phase_completed: { zh: '竣工', en: 'Completed' },
  phase_accepted: { zh: '验收', en: 'Accepted' },
  phase_moved_back: { zh: '回搬', en: 'Moved back' },
};

/** Labels of every figure and series key, shared by the web pages and the xlsx/PDF reports. */
export const figureLabels: Record<string, Label> = {
  ...Object.fromEntries(Object.entries(stageLabels).map(([k, v]) => [`stage_${k}`, v])),
  ...phaseOfBuilding,
  households: { zh: '户数', en: 'Households' },
  visited: { zh: '已走访户', en: 'Visited' },
  visitRate: { zh: '走访率', en: 'Visit rate' },
  visits: { zh: '走访次数', en: 'Visits' },
  openConcerns: { zh: '未解决诉求', en: 'Open concerns' },
  overdueConcerns: { zh: '逾期诉求', en: 'Overdue concerns' },
  overdueFollowUps: { zh: '逾期未回访户', en: 'Overdue follow-ups' },
  signed: { zh: '已签约户', en: 'Signed' },
  signingRate: { zh: '签约率', en: 'Signing rate' },
  rounds: { zh: '征询/签约轮次', en: 'Rounds' },
  round: { zh: '轮次', en: 'Round' },
  plansConfirmed: { zh: '方案已确认户', en: 'Plans confirmed' },
  drawingsConfirmed: { zh: '图纸已确认户', en: 'Drawings confirmed' },
  planRate: { zh: '方案确认率', en: 'Plan confirmation rate' },
  drawingRate: { zh: '图纸确认率', en: 'Drawing confirmation rate' },
  openChangeRequests: { zh: '待处理图纸修改', en: 'Open drawing changes' },
  storageInUse: { zh: '临时仓库在存户', en: 'Storage in use' },
  storageBooked: { zh: '仓位已预约', en: 'Storage booked' },
  storageReturned: { zh: '已出库', en: 'Storage returned' },
  movesDone: { zh: '已完成搬家', en: 'Moves done' },
  movesOpen: { zh: '待完成搬家', en: 'Moves pending' },
  rentalsArranged: { zh: '为你找房已租', en: 'Rentals arranged' },
  marketContracts: { zh: '惠民市集签约', en: 'Market contracts' },
  underConstruction: { zh: '施工中户', en: 'Under construction' },
  accepted: { zh: '已验收户', en: 'Accepted' },
  openDefects: { zh: '未整改问题', en: 'Open defects' },
  buildings: { zh: '楼栋', en: 'Buildings' },
  successRate: { zh: '改造成功率', en: 'Success rate' },
  beautified: { zh: '已美化户', en: 'Beautified' },
  beautificationRate: { zh: '改造美化率', en: 'Beautification rate' },
  topics: { zh: '议题', en: 'Topics' },
  topicsOpen: { zh: '待议议题', en: 'Open topics' },
  meetingsHeld: { zh: '已开议事会', en: 'Meetings held' },
  councilProjects: { zh: '自治项目', en: 'Self-governance projects' },
  councilProjectsCompleted: { zh: '已完成自治项目', en: 'Projects completed' },
  topic_open: { zh: '待议', en: 'Open' },
  topic_discussing: { zh: '议事中', en: 'Discussing' },
  topic_resolved: { zh: '已形成决议', en: 'Resolved' },
  topic_project: { zh: '已转项目', en: 'Became a project' },
  topic_closed: { zh: '已关闭', en: 'Closed' },
  cases: { zh: '调解案件', en: 'Cases' },
  mediationSuccessRate: { zh: '调解成功率', en: 'Mediation success rate' },
  atRisk: { zh: '风险案件', en: 'At risk' },
  case_applied: { zh: '待受理', en: 'Applied' },
  case_refused: { zh: '不予受理', en: 'Refused' },
  case_mediating: { zh: '调解中', en: 'Mediating' },
  case_agreed: { zh: '达成书面协议', en: 'Written agreement' },
  case_oral_agreed: { zh: '达成口头协议', en: 'Oral agreement' },
  case_failed: { zh: '调解不成', en: 'Failed' },
  case_withdrawn: { zh: '撤回', en: 'Withdrawn' },
  legislationEvents: { zh: '立法征询活动（场）', en: 'Consultation events' },
  drafts: { zh: '征询法规草案（部）', en: 'Drafts consulted' },
  participants: { zh: '参与人次', en: 'Participants' },
  opinions: { zh: '意见建议（条）', en: 'Opinions' },
  adopted: { zh: '被采纳（条）', en: 'Adopted' },
  suggestions: { zh: '人民建议', en: 'Suggestions' },
  suggestionsAdopted: { zh: '建议被采纳', en: 'Adopted' },
  inProjects: { zh: '转化为项目的建议', en: 'In projects' },
  suggestionProjects: { zh: '建议转化项目', en: 'Projects' },
  overdueOpen: { zh: '逾期未办结', en: 'Overdue' },
  onTimeRate: { zh: '按时办理率', en: 'On-time rate' },
  suggestion_registered: { zh: '已登记', en: 'Registered' },
  suggestion_accepted: { zh: '已受理', en: 'Accepted' },
  suggestion_assigned: { zh: '已交办', en: 'Assigned' },
  suggestion_handled: { zh: '已办理', en: 'Handled' },
  suggestion_answered: { zh: '已答复', en: 'Answered' },
  suggestion_redirected: { zh: '已转其他途径', en: 'Redirected' },
  suggestion_merged: { zh: '已合并', en: 'Merged' },
  alarms: { zh: '近30天告警', en: 'Alarms (30 days)' },
  openAlarms: { zh: '未消除告警', en: 'Active alarms' },
  alarm_smoke_alarm: { zh: '烟感', en: 'Smoke alarms' },
  alarm_ebike_station: { zh: '电动车充电', en: 'E-bike charging' },
  alarm_access_gate: { zh: '门禁', en: 'Access gates' },
  alarm_water_meter: { zh: '水表（独居老人）', en: 'Water meters' },
  alarm_smart_breaker: { zh: '智能断路器', en: 'Smart breakers' },
  alarm_door_contact: { zh: '门磁', en: 'Door contacts' },
  alarm_motion_sensor: { zh: '人体感应', en: 'Motion sensors' },
  alarm_indoor_charging_detector: { zh: '室内充电探测', en: 'Indoor charging' },
  visitRounds: { zh: '回访轮次', en: 'Visit rounds' },
  openWorkOrders: { zh: '未办结工单', en: 'Open work orders' },
  overdueWorkOrders: { zh: '逾期工单', en: 'Overdue work orders' },
  falseAlarmRate: { zh: '误报率', en: 'False-alarm rate' },
  faceToFaceRate: { zh: '上门见面率', en: 'Face-to-face rate' },
  watchList: { zh: '重点关注对象', en: 'Watch list' },
};

/** The label of a figure in a language: the records' own label first, then the key's. */
export function figureLabel(f: Pick<Figure, 'key' | 'label'>, lang: 'zh' | 'en'): string {
  return f.label ?? figureLabels[f.key]?.[lang] ?? f.key;
}

/** A figure as text: counts as they are, rates as a percentage with one decimal at most. */
export function formatFigure(f: Pick<Figure, 'value' | 'kind'>): string {
  if (f.value === null) return '—';
  if (f.kind === 'count') return String(f.value);
  const pct = Math.round(f.value * 1000) / 10;
  return `${pct}%`;
}
