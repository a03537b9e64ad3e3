/**
 * The rules of handling a suggestion, as pure functions: which step follows which, when each step
 * is due, and which texts are not suggestions at all (第十条第二款).
 */
import {
  AnswerableStatuses,
  type RedirectTarget,
  type SuggestionSettings,
  type SuggestionStatus,
} from '../../../contract/suggestions.ts';
import { DAY } from '../../platform/clock.ts';

export const DEFAULT_SETTINGS: SuggestionSettings = {
  acceptDays: 3,
  assignDays: 5,
  handleDays: 15,
  answerDays: 5,
};

/** The handling steps in order; each status is left by moving to the next one. */
export const HANDLING_STEPS = ['registered', 'accepted', 'assigned', 'handled', 'answered'] as const;
/** Statuses in which the suggestion still waits for the street to act. */
export const OPEN_STATUSES: readonly SuggestionStatus[] = ['registered', 'accepted', 'assigned', 'handled'];

export type HandlingAction = 'accept' | 'assign' | 'handle' | 'answer' | 'redirect' | 'merge';

/** From which statuses each action may be taken. */
const ALLOWED_FROM: Record<HandlingAction, readonly SuggestionStatus[]> = {
  accept: ['registered'],
  assign: ['accepted', 'assigned'], // re-assigning keeps the step and its deadline
  handle: ['assigned'],
  // An answer may come straight after acceptance (a simple question answered at once).
  answer: AnswerableStatuses,
  redirect: ['registered', 'accepted'],
  merge: ['registered', 'accepted', 'assigned'],
};

export const RESULT_OF: Record<HandlingAction, SuggestionStatus> = {
  accept: 'accepted',
  assign: 'assigned',
  handle: 'handled',
  answer: 'answered',
  redirect: 'redirected',
  merge: 'merged',
};

/** Each status in words, as the interface shows it (labels of /suggestions and the portal). */
export const STATUS_WORDS: Record<SuggestionStatus, { zh: string; en: string }> = {
  registered: { zh: '已登记', en: 'registered, not yet accepted' },
  accepted: { zh: '已受理', en: 'accepted' },
  assigned: { zh: '已交办', en: 'assigned' },
  handled: { zh: '已办理', en: 'handled' },
  answered: { zh: '已答复', en: 'already answered' },
  redirected: { zh: '已转其他途径', en: 'redirected elsewhere' },
  merged: { zh: '已合并', en: 'merged into another' },
};

const ACTION_WORDS: Record<HandlingAction, { zh: string; en: string }> = {
  accept: { zh: '受理', en: 'accepted' },
  assign: { zh: '交办', en: 'assigned' },
  handle: { zh: '记录办理结果', en: 'marked handled' },
  answer: { zh: '答复', en: 'answered' },
  redirect: { zh: '转其他途径', en: 'redirected' },
  merge: { zh: '合并', en: 'merged' },
};

/** Why a step cannot be taken, in words: 「该建议已答复，不能受理」. */
export function refusalWords(action: HandlingAction, from: SuggestionStatus): { zh: string; en: string } {
  return {
    zh: `该建议${STATUS_WORDS[from].zh}，不能${ACTION_WORDS[action].zh}`,
    en: `This suggestion is ${STATUS_WORDS[from].en}; it cannot be ${ACTION_WORDS[action].en}`,
  };
}

export function canTake(action: HandlingAction, from: SuggestionStatus): boolean {
  return ALLOWED_FROM[action].includes(from);
}

/** How long the street has for the step that starts when a suggestion enters `status`. */
export function stepDays(status: SuggestionStatus, settings: SuggestionSettings): number | null {
  switch (status) {
    case 'registered':
      return settings.acceptDays;
    case 'accepted':
      return settings.assignDays;
    case 'assigned':
      return settings.handleDays;
    case 'handled':
      return settings.answerDays;
    case 'answered':
    case 'redirected':
    case 'merged':
      return null;
  }
}

/** The deadline of the step that starts at `from` when the suggestion enters `status`; null when none. */
export function dueFor(status: SuggestionStatus, settings: SuggestionSettings, from: Date): Date | null {
  const days = stepDays(status, settings);
  return days === null ? null : new Date(from.getTime() + days * DAY);
}

export function isOverdue(status: SuggestionStatus, dueAt: string | null, now: Date): boolean {
  return dueAt !== null && OPEN_STATUSES.includes(status) && new Date(dueAt).getTime() < now.getTime();
}

const REDIRECT_RULES: Array<{ target: RedirectTarget; pattern: RegExp; reason: string }> = [
  {
    target: 'litigation',
    pattern: /起诉|诉讼|法院|判决|打官司|立案/,
    reason: '涉及诉讼的事项应通过法院依法解决，不宜作为人民建议提出（第十条第二款）',
  },
  {
    target: 'arbitration',
    pattern: /仲裁/,
    reason: '涉及仲裁的事项应通过仲裁机构解决，不宜作为人民建议提出（第十条第二款）',
  },
  {
    target: 'admin_review',
    pattern: /行政复议|复议/,
    reason: '对行政行为不服应申请行政复议，不宜作为人民建议提出（第十条第二款）',
  },
  {
    target: 'mediation',
    pattern:
      /邻居.{0,6}(纠纷|矛盾|吵)|赔偿|赔钱|补偿款|欠款|欠钱|退款|我家.{0,8}(损失|被)|家庭矛盾|遗产|继承/,
    reason: '属于个人诉求或民间纠纷，建议转人民调解（“2+3”调解）处理，不作为人民建议办理（第十条第二款）',
  },
];

/**
 * Reads a suggestion for signs that it is a personal claim or a matter for the courts, arbitration or
 * administrative review. Only a hint: staff decide, and redirect with their own reason.
 */
export function redirectHint(text: string): { target: RedirectTarget; reason: string } | null {
  for (const rule of REDIRECT_RULES)
    if (rule.pattern.test(text)) return { target: rule.target, reason: rule.reason };
  return null;
}
