import { describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { canTake, DEFAULT_SETTINGS, dueFor, isOverdue, redirectHint } from './suggestions.rules.ts';

describe('suggestion handling rules', () => {
  it('allows each action only from its statuses', () => {
    expect(canTake('accept', 'registered')).toBe(true);
    expect(canTake('accept', 'accepted')).toBe(false);
    expect(canTake('handle', 'accepted')).toBe(false);
    expect(canTake('answer', 'handled')).toBe(true);
    expect(canTake('redirect', 'answered')).toBe(false);
    expect(canTake('merge', 'merged')).toBe(false);
  });

  it('sets the deadline of the step a suggestion enters from the settings', () => {
    const t = new Date('2026-03-01T00:00:00Z');
    expect(dueFor('registered', DEFAULT_SETTINGS, t)!.getTime() - t.getTime()).toBe(3 * DAY);
    expect(dueFor('assigned', { ...DEFAULT_SETTINGS, handleDays: 10 }, t)!.getTime() - t.getTime()).toBe(
      10 * DAY,
    );
    expect(dueFor('answered', DEFAULT_SETTINGS, t)).toBeNull();
  });

  it('calls an open step past its deadline overdue, and nothing else', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    expect(isOverdue('accepted', '2026-03-09T00:00:00Z', now)).toBe(true);
    expect(isOverdue('accepted', '2026-03-11T00:00:00Z', now)).toBe(false);
    expect(isOverdue('answered', '2026-03-09T00:00:00Z', now)).toBe(false);
  });

  it('recognises personal claims and court matters (第十条第二款)', () => {
    expect(redirectHint('楼上邻居漏水把我家天花板泡坏了，要求赔偿')?.target).toBe('mediation');
    expect(redirectHint('我准备起诉物业公司')?.target).toBe('litigation');
    expect(redirectHint('对征收决定申请行政复议')?.target).toBe('admin_review');
    expect(redirectHint('建议在小区增设充电桩')).toBeNull();
  });
});
