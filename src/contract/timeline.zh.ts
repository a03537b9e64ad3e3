import { label, text, type TimelineParams, type TimelineTable } from './timeline.ts';

/**
 * The Chinese sentences of household timeline entries. The one Chinese table: the web app's zh
 * dictionary uses it, and the server renders the stored `title` (kept for exports and old clients)
 * with it, so the two never drift apart.
 */

const visitMethod = { door: '上门走访', phone: '电话走访', wechat: '微信联系' };
const confirmMethod = { online: '线上确认', paper: '纸质签字', in_person: '当面确认' };
const decision = { agree: '同意', disagree: '不同意', undecided: '未决定' };
const direction = { out: '搬出', back: '搬回' };
const slot = { am: '上午', pm: '下午' };
const transition = { self: '自行安排', agency: '中介租房', relatives: '投亲靠友' };
const orderStatus = {
  registered: '已登记',
  pending: '待派单',
  dispatched: '已派单',
  in_progress: '处置中',
  to_verify: '待核查',
  closed: '已结案',
  cancelled: '已撤销',
};

const yuan = (p: TimelineParams, key: string) => `${Number(p[key] ?? 0).toLocaleString('zh-CN')} 元`;
const suffix = (value: string, open: string, close = '') => (value ? `${open}${value}${close}` : '');
const confirmed = (what: string) => (p: TimelineParams) =>
  `${what}第${text(p, 'version')}版已确认（${label(confirmMethod, p, 'method')}${suffix(text(p, 'by'), '，')}）`;
const round = (what: string) => (p: TimelineParams) =>
  `${what}「${text(p, 'title')}」：${label(decision, p, 'decision')}${suffix(text(p, 'reason'), '（', '）')}`;
const phase = (what: string) => (p: TimelineParams) => `${text(p, 'building')}${what}`;

/** Which of the moving date and transitional arrangement changed: absent = unchanged, null = cleared. */
function needsParts(p: TimelineParams): string {
  const parts: string[] = [];
  if ('moveOn' in p) parts.push(p.moveOn ? `计划搬离日期 ${text(p, 'moveOn')}` : '清除计划搬离日期');
  if ('transition' in p)
    parts.push(p.transition ? `过渡安排：${label(transition, p, 'transition')}` : '清除过渡安排');
  return parts.join('，');
}

export const timelineZh: TimelineTable = {
  visit: (p) => `${label(visitMethod, p, 'method')}：${text(p, 'summary')}`,
  concern: (p) => `诉求：${text(p, 'content')}`,
  concern_resolved: (p) => `诉求已解决：${text(p, 'resolution')}`,
  photo: (p) => `照片：${text(p, 'caption') || '走访照片'}`,
  assignment: (p) => `包干人：${text(p, 'name')}`,
  plan_version: (p) => `一户一方案 第${text(p, 'version')}版已编制`,
  plan_confirmed: confirmed('方案'),
  drawing_version: (p) => `一户一图纸 第${text(p, 'version')}版已上传${suffix(text(p, 'comment'), '：')}`,
  drawing_confirmed: confirmed('图纸'),
  drawing_change_request: (p) => `图纸修改申请：${text(p, 'content')}`,
  round_willingness: round('意愿征询'),
  round_plan: round('方案征询'),
  round_signing: round('签约'),
  phase_moved_out: phase('搬离完成'),
  phase_started: phase('开工'),
  phase_structure_done: phase('主体完成'),
  phase_completed: phase('竣工'),
  phase_accepted: phase('验收'),
  phase_moved_back: phase('回搬'),
  // After an inspection, or after its last open defect was closed (defectClosed).
  inspection: (p) =>
    p.defectClosed
      ? '一项整改已完成'
      : `验收检查（对照图纸第${text(p, 'version')}版）：待整改 ${text(p, 'defects')} 项`,
  accepted: (p) =>
    p.defectClosed ? '整改完成，验收通过' : `验收检查（对照图纸第${text(p, 'version')}版）：通过`,
  council_attendance: (p) => `出席红色议事厅：${text(p, 'meeting')}（${text(p, 'name')}）`,
  council_topic: (p) => `红色议事厅议题：${text(p, 'title')}`,
  council_project: (p) => `参与自治项目：${text(p, 'name')}`,
  market_consultation: (p) => `惠民市集：预约${text(p, 'vendor')}装修咨询`,
  market_quote: (p) => `惠民市集：${text(p, 'vendor')}报价 ${yuan(p, 'amount')}`,
  market_contract: (p) => `惠民市集：与${text(p, 'vendor')}签订装修合同（${text(p, 'contractNo')}）`,
  market_complaint: (p) => `惠民市集：投诉${text(p, 'vendor')}`,
  market_rating: (p) => `惠民市集：评价${text(p, 'vendor')} ${text(p, 'rating')} 星`,
  move_requested: (p) =>
    `预约红色搬家先锋队（${label(direction, p, 'direction')}，${text(p, 'moveOn')} ${label(slot, p, 'slot')}）`,
  move_scheduled: (p) =>
    `搬家已排班：${text(p, 'volunteers')}（${text(p, 'moveOn')} ${label(slot, p, 'slot')}）`,
  move_done: (p) => `${label(direction, p, 'direction')}完成，居民已确认`,
  move_cancelled: (p) => `取消搬家预约（${text(p, 'moveOn')}）`,
  needs_set: (p) => `搬迁安排：${needsParts(p)}`,
  rental_reserved: (p) => `为你找房：预订过渡房「${text(p, 'rental')}」`,
  rental_contracted: (p) => `为你找房：签订租赁合同「${text(p, 'rental')}」`,
  rental_moved_in: (p) => `为你找房：入住过渡房「${text(p, 'rental')}」`,
  rental_cancelled: (p) => `为你找房：取消过渡房预订「${text(p, 'rental')}」`,
  storage_booked: (p) => `预约临时仓库：${text(p, 'warehouse')} ${text(p, 'slots')} 个仓位`,
  storage_in: (p) => `物品入临时仓库（${text(p, 'count')} 件）`,
  storage_out: (p) => `临时仓库物品已取回，${text(p, 'signedBy')} 签收`,
  storage_cancelled: (p) => `取消临时仓库预约（${text(p, 'warehouse')}）`,
  safety_work_order: (p) =>
    `平安工单 #${text(p, 'orderId')} ${label(orderStatus, p, 'status')}：${text(p, 'orderTitle')}`,
};
