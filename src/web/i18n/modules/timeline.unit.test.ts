import { describe, expect, it } from 'vitest';
import { TimelineKinds, type TimelineParams } from '../../../contract/timeline.ts';
import { timelineTitle } from './timeline.ts';

const han = /\p{Script=Han}/u;

// Every parameter any kind reads, with the users' own words in ASCII: whatever Chinese the English
// sentence then shows came from the table, not from the user.
const params: TimelineParams = {
  method: 'paper',
  summary: 'Talked about the plan',
  content: 'Leaking roof',
  resolution: 'Fixed',
  caption: 'Clutter at the door',
  name: 'Li Xiaoming',
  version: 2,
  by: 'Liu Guifang',
  comment: 'kitchen moved',
  title: 'Phase one',
  decision: 'agree',
  reason: 'good plan',
  building: 'No. 21',
  defects: 3,
  meeting: 'June meeting',
  vendor: 'Acme Decor',
  amount: 85000,
  contractNo: 'HT-1',
  rating: 5,
  direction: 'out',
  moveOn: '2026-12-01',
  slot: 'am',
  volunteers: ['Wang', 'Zhao'],
  transition: 'agency',
  rental: 'Flat 3',
  warehouse: 'Depot A',
  slots: 2,
  count: 7,
  signedBy: 'Liu',
  orderId: 12,
  status: 'dispatched',
  orderTitle: 'Blocked exit',
};

describe('household timeline sentences', () => {
  it('render every kind in English without Chinese words', () => {
    for (const kind of TimelineKinds) {
      const sentence = timelineTitle('en', { kind, params, title: '旧标题' });
      expect(sentence, kind).not.toMatch(han);
      expect(sentence, kind).not.toBe('');
    }
  });

  it('render the same entry in Chinese from the shared table', () => {
    const entry = {
      kind: 'round_signing',
      params: { title: '签约', decision: 'agree', reason: null },
      title: '',
    };
    expect(timelineTitle('zh', entry)).toBe('签约「签约」：同意');
    expect(timelineTitle('en', entry)).toBe('Signing “签约”: agreed');
    const quote = { kind: 'market_quote', params: { vendor: 'Acme', amount: 85000 }, title: '' };
    expect(timelineTitle('zh', quote)).toBe('惠民市集：Acme报价 85,000 元');
    expect(timelineTitle('en', quote)).toBe('Community fair: Acme quoted ¥85,000');
  });

  it('keep the stored text of old free-text entries and of kinds this build does not know', () => {
    expect(timelineTitle('en', { kind: 'visit', params: null, title: '上门走访：老人同意' })).toBe(
      '上门走访：老人同意',
    );
    expect(timelineTitle('en', { kind: 'future_kind', params: { a: 1 }, title: '新事' })).toBe('新事');
  });
});
