import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import {
  ctxFor,
  login,
  newStreet,
  newUser,
  type Session,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { DraftArticle, DraftNode } from '../../../contract/legislation.ts';

const LAWS = path.resolve(import.meta.dirname, '../../../../test/fixtures/laws');
const RENEWAL = fs.readFileSync(path.join(LAWS, '上海市城市更新条例(2021-08-25).md'), 'utf8');
const PIPL = fs.readFileSync(path.join(LAWS, '个人信息保护法(2021-08-20).md'), 'utf8');

let t: TestApp;
let street: number;
let leader: TestUser;
let staff: Session;
let residentUser: TestUser;
let resident: Session;

function multipart(fields: Record<string, string>, file: { name: string; text: string; type?: string }) {
  const boundary = `----gz${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
      `Content-Type: ${file.type ?? 'text/markdown'}\r\n\r\n${file.text}\r\n`,
  );
  return {
    payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(
  s: Session,
  file: { name: string; text: string; type?: string },
  fields: Record<string, string> = {},
) {
  const body = multipart(fields, file);
  return t.app.inject({
    method: 'POST',
    url: '/api/legislation/drafts',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...body.headers },
    payload: body.payload,
  });
}

function articles(nodes: DraftNode[]): DraftArticle[] {
  return nodes.flatMap((n) => (n.type === 'article' ? [n] : articles(n.children)));
}

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-03-01T02:00:00Z') });
  street = await newStreet(t.deps, '曹杨新村街道');
  leader = await newUser(t.deps, 'street_leader', street);
  staff = await login(t.app, leader);
  residentUser = await newUser(t.deps, 'resident', street);
  resident = await login(t.app, residentUser);
});
afterAll(() => t.close());

describe('drafts', () => {
  let id: number;

  it('imports a law file by upload and answers its counts', async () => {
    const res = await upload(staff, { name: 'renewal.md', text: RENEWAL });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: '上海市城市更新条例',
      counts: { parts: 0, chapters: 8, sections: 0, articles: 64 },
    });
    id = res.json().id;
  });

  it('answers the tree with every article addressable', async () => {
    const res = await resident.call('GET', `/api/legislation/drafts/${id}`);
    expect(res.statusCode).toBe(200);
    const tree = res.json();
    expect(tree.nodes).toHaveLength(8);
    expect(tree.nodes[0]).toMatchObject({ type: 'heading', kind: 'chapter', label: '第一章', title: '总则' });
    const all = articles(tree.nodes);
    expect(all).toHaveLength(64);
    const art32 = all.find((a) => a.anchor === 'art-32')!;
    expect(art32.label).toBe('第三十二条');
    expect(art32.paragraphs[0]!.text).toMatch(/^/);
    expect(tree.history[0]).toMatch(/2021年8月25日/);
  });

  it('imports plain text as JSON, with 节 and 条之一', async () => {
    const res = await staff.call('POST', '/api/legislation/drafts', {
      title: '某某办法（征求意见稿）',
      text: '第一章 总则\n第一节 一般规定\n第一条 目的。\n第一条之一 补充。\n第二节 其他\n第二条 范围。\n第二章 附则\n第三条 施行。',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().counts).toEqual({ parts: 0, subparts: 0, chapters: 2, sections: 2, articles: 4 });
  });

  it('imports chapters numbered on across 编, an unnumbered 附则 and appendices, and shows them', async () => {
    const text = [
      '# 第一编 总则',
      '## 第一章 任务',
      '第一条 目的。',
      '# 第二编 程序',
      '## 第二章 一般规定',
      '第二条 程序。',
      '# 附　则',
      '第三条 施行。',
      '附件一 文书格式',
      '一、申请书。',
      '附件二',
      '（略）',
    ].join('\n');
    const res = await staff.call('POST', '/api/legislation/drafts', {
      title: '某某程序法（征求意见稿）',
      text,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toMatchObject({ parts: 2, chapters: 2, articles: 3 });
    const tree = (await staff.call('GET', `/api/legislation/drafts/${res.json().id}`)).json();
    expect(tree.nodes.at(-1)).toMatchObject({ type: 'heading', title: '附则', label: '' });
    expect(tree.appendices).toEqual([
      { label: '附件一', title: '文书格式', heading: '附件一 文书格式', lines: ['一、申请书。'] },
      { label: '附件二', title: '', heading: '附件二', lines: ['（略）'] },
    ]);
  });

  it('imports 个人信息保护法 with its sections', async () => {
    const res = await upload(staff, { name: 'pipl.md', text: PIPL }, { title: '个人信息保护法（测试）' });
    expect(res.json()).toMatchObject({
      title: '个人信息保护法（测试）',
      counts: { chapters: 8, sections: 3, articles: 74 },
    });
  });

  it('refuses a malformed draft, naming the line', async () => {
    const res = await upload(staff, { name: 'bad.md', text: '# 草案\n\n第一条 甲。\n\n第三条 丙。\n' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'file', line: 5, message: '条文编号不连续：第一条之后应为第二条，实为第三条' }],
    });
    const none = await staff.call('POST', '/api/legislation/drafts', { title: '空', text: '没有条文' });
    expect(none.statusCode).toBe(400);
    expect(none.json().details[0]).toMatchObject({ path: 'body.text' });
    const list = (await staff.call('GET', '/api/legislation/drafts')).json();
    expect(list.items.map((d: { title: string }) => d.title)).not.toContain('草案');
  });

  it('refuses a file that is not text', async () => {
    const res = await upload(staff, { name: 'x.pdf', text: '%PDF', type: 'application/pdf' });
    expect(res.statusCode).toBe(415);
  });

  it('lets only managers import, and hides other streets’ drafts', async () => {
    const res = await resident.call('POST', '/api/legislation/drafts', { text: '第一条 甲。', title: 'x' });
    expect(res.statusCode).toBe(403);
    const other = await login(t.app, await newUser(t.deps, 'street_leader', await newStreet(t.deps)));
    expect((await other.call('GET', `/api/legislation/drafts/${id}`)).statusCode).toBe(404);
    expect((await other.call('GET', '/api/legislation/drafts')).json().total).toBe(0);
  });
});

describe('consultation, report and feedback', () => {
  let draftId: number;
  let art: DraftArticle[];
  let eventId: number;
  let myOpinionId: number;

  beforeAll(async () => {
    draftId = (await upload(staff, { name: 'r.md', text: RENEWAL })).json().id;
    art = articles((await staff.call('GET', `/api/legislation/drafts/${draftId}`)).json().nodes);
  });

  it('records an event with its drafts and participants', async () => {
    const res = await staff.call('POST', '/api/legislation/events', {
      title: '城市更新条例征询会',
      heldOn: '2026-02-20',
      mode: 'offline',
      place: '曹杨一村红色议事厅',
      organiser: '基层立法联系点',
      draftIds: [draftId],
      attendance: 18,
      registered: ['王建华', '李秀英'],
      materials: '草案文本、起草说明',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ attendance: 18, registered: 2, drafts: [{ id: draftId }] });
    eventId = res.json().id;
    const offlineWithoutPlace = await staff.call('POST', '/api/legislation/events', {
      title: 'x',
      heldOn: '2026-02-21',
      mode: 'offline',
      organiser: 'y',
      draftIds: [draftId],
      attendance: 1,
    });
    expect(offlineWithoutPlace.statusCode).toBe(400);
  });

  it('takes a resident’s opinion on a paragraph, checking that it exists', async () => {
    const art32 = art.find((a) => a.anchor === 'art-32')!;
    const bad = await resident.call('POST', `/api/legislation/drafts/${draftId}/opinions`, {
      articleId: art32.id,
      paragraph: 99,
      kind: 'amend',
      text: '不存在的款',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('body.paragraph');
    const res = await resident.call('POST', `/api/legislation/drafts/${draftId}/opinions`, {
      articleId: art32.id,
      paragraph: 1,
      kind: 'add',
      text: '建议增加签约前书面告知过渡安置方案的要求',
      reason: '老人记不住口头说明',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      moderation: 'pending',
      articleLabel: '第三十二条',
      channel: 'online',
    });
    myOpinionId = res.json().id;
    // Residents may not enter opinions for others, nor read everyone's.
    expect(
      (
        await resident.call('POST', `/api/legislation/drafts/${draftId}/opinions/record`, {
          channel: 'paper',
          opinions: [{ kind: 'amend', text: '代填' }],
        })
      ).statusCode,
    ).toBe(403);
    expect((await resident.call('GET', '/api/legislation/opinions')).statusCode).toBe(403);
  });

  it('takes staff-entered opinions from paper, near-duplicates grouped in the report', async () => {
    const art32 = art.find((a) => a.anchor === 'art-32')!;
    const art5 = art.find((a) => a.anchor === 'art-5')!;
    const res = await staff.call('POST', `/api/legislation/drafts/${draftId}/opinions/record`, {
      eventId,
      channel: 'paper',
      opinions: [
        {
          articleId: art32.id,
          kind: 'add',
          text: '建议增加签约前书面告知过渡安置方案的要求',
          authorName: '王建华',
        },
        {
          articleId: art32.id,
          kind: 'add',
          text: '建议增加：签约前要书面告知过渡安置方案',
          authorName: '李秀英',
        },
        { articleId: art32.id, kind: 'amend', text: '建议将百分之九十五的比例提高到百分之九十八' },
        {
          articleId: art5.id,
          kind: 'delete',
          text: '建议删除本条第二款',
          reason: '与第四条重复',
          authorName: '张志强',
        },
        { kind: 'principle', text: '建议加强与物业管理规定的衔接' },
      ],
    });
    expect(res.json()).toEqual({ changed: 5 });

    // The resident's opinion is not in the report until it is accepted.
    let report = (await staff.call('GET', `/api/legislation/drafts/${draftId}/report`)).json();
    expect(report.opinionCount).toBe(5);
    expect(
      (
        await staff.call('POST', '/api/legislation/opinions/moderation', {
          ids: [myOpinionId],
          decision: 'accepted',
        })
      ).statusCode,
    ).toBe(200);
    report = (await staff.call('GET', `/api/legislation/drafts/${draftId}/report`)).json();
    expect(report.opinionCount).toBe(6);
    expect(report.sections.map((s: { label: string }) => s.label)).toEqual([
      '对草案的总体意见',
      '第五条',
      '第三十二条',
    ]);
    const s32 = report.sections[2];
    expect(s32.originalText).toMatch(/^第三十二条 /);
    expect(s32.groups[0]).toMatchObject({ kind: 'add', people: 3 });
    expect(s32.groups[0].opinionIds).toHaveLength(3);
    expect(s32.groups[1]).toMatchObject({ kind: 'amend', people: 1 });
  });

  it('exports the report as .docx and PDF', async () => {
    const docx = await staff.call('GET', `/api/legislation/drafts/${draftId}/report/file?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('意见汇总表'));
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await staff.call('GET', `/api/legislation/drafts/${draftId}/report/file?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await resident.call('GET', `/api/legislation/drafts/${draftId}/report`)).statusCode).toBe(403);
  });

  it('records the submission to the legislature', async () => {
    const res = await staff.call('POST', `/api/legislation/drafts/${draftId}/submissions`, {
      submittedTo: '上海市人大常委会法工委',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ opinionCount: 6, submittedTo: '上海市人大常委会法工委' });
    const file = await t.deps.files.read(t.deps.db, street, res.json().fileId);
    expect(file?.data.subarray(0, 2).toString()).toBe('PK');
    const drafts = (await staff.call('GET', '/api/legislation/drafts')).json();
    expect(drafts.items.find((d: { id: number }) => d.id === draftId).submittedAt).toBeTruthy();
  });

  it('marks a whole group adopted; the resident sees the outcome of their opinion', async () => {
    const report = (await staff.call('GET', `/api/legislation/drafts/${draftId}/report`)).json();
    const group = report.sections[2].groups[0];
    const res = await staff.call('POST', '/api/legislation/opinions/outcome', {
      ids: group.opinionIds,
      outcome: 'adopted',
      note: '修改稿第三十二条已增加书面告知要求',
    });
    expect(res.json()).toEqual({ changed: 3 });
    const mine = (await resident.call('GET', '/api/legislation/opinions/mine')).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      id: myOpinionId,
      outcome: 'adopted',
      outcomeNote: '修改稿第三十二条已增加书面告知要求',
      anchor: 'art-32',
    });
    // A pending opinion cannot be given an outcome; rejecting needs a reason.
    const pending = (
      await resident.call('POST', `/api/legislation/drafts/${draftId}/opinions`, {
        kind: 'principle',
        text: '另一条意见',
      })
    ).json();
    expect(
      (
        await staff.call('POST', '/api/legislation/opinions/outcome', {
          ids: [pending.id],
          outcome: 'adopted',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await staff.call('POST', '/api/legislation/opinions/moderation', {
          ids: [pending.id],
          decision: 'rejected',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('counts the figures from the records', async () => {
    const figures = (await staff.call('GET', '/api/legislation/figures')).json();
    expect(figures).toMatchObject({ events: 1, participants: 18, opinions: 6, adopted: 3, adoptedFully: 3 });
    expect(figures.drafts).toBeGreaterThanOrEqual(4);
  });

  it('writes an audit row for each change', async () => {
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', street)
      .where('action', 'like', 'legislation.%')
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'legislation.draft.import',
      'legislation.event.create',
      'legislation.opinion.submit',
      'legislation.opinion.record',
      'legislation.opinion.moderate',
      'legislation.opinion.outcome',
      'legislation.report.submit',
    ])
      expect(actions).toContain(a);
  });
});

describe('demo seed', () => {
  it('reproduces 68 events / 27 drafts / >1,000 participants / 495 opinions / 123 adopted', async () => {
    const { seedDemo } = await import('../demo/demo.seed.ts');
    const { seedLegislation } = await import('./legislation.seed.ts');
    const started = performance.now();
    const outcome = await seedDemo(t.deps, [seedLegislation]);
    const ms = performance.now() - started;
    const leaderId = (
      await t.deps.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'leader')
        .executeTakeFirstOrThrow()
    ).id;
    const { figures } = await import('./legislation.figures.ts');
    const result = await figures(
      t.deps,
      ctxFor({
        id: leaderId,
        username: 'leader',
        password: '',
        role: 'street_leader',
        tenantId: outcome.tenantId,
      }),
    );
    expect(result).toMatchObject({ events: 68, drafts: 27, opinions: 495, adopted: 123 });
    expect(result.participants).toBeGreaterThan(1000);
    console.log(`legislation demo seed: ${Math.round(ms)} ms`, result);
  }, 120_000);
});
