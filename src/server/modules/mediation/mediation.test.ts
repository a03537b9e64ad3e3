import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import {
  login,
  newStreet,
  newUser,
  type Session,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { DAY, ManualClock } from '../../platform/clock.ts';
import type { LiveEvent } from '../../platform/events.ts';

let t: TestApp;
let clock: ManualClock;
let street: number;
let committee: Session;
let mediator: Session;
let mediatorUser: TestUser;
let otherMediator: Session;
let liaisonUser: TestUser;
let liaison: Session;
let judicialUser: TestUser;
let judicial: Session;
let lawyerUser: TestUser;
let lawyer: Session;
let cadre: Session;
let residentA: Session;
let residentC: Session;
let households: number[];
let users: Record<'committee' | 'otherMediator' | 'cadre' | 'residentA' | 'residentC', TestUser>;

/** Sessions expire when the manual clock jumps ahead: sign everyone in again. */
async function signInAll() {
  committee = await login(t.app, users.committee);
  mediator = await login(t.app, mediatorUser);
  otherMediator = await login(t.app, users.otherMediator);
  liaison = await login(t.app, liaisonUser);
  judicial = await login(t.app, judicialUser);
  lawyer = await login(t.app, lawyerUser);
  cadre = await login(t.app, users.cadre);
  residentA = await login(t.app, users.residentA);
  residentC = await login(t.app, users.residentC);
}

const caseBody = (title = '楼上漏水邻里纠纷') => ({
  title,
  type: 'neighbours',
  source: 'application',
  facts: '302室卫生间渗水至202室顶棚，双方多次协商未果。',
  claims: '申请人要求被申请人修复防水层并赔偿粉刷费用。',
  parties: [
    { name: '张一明', role: 'applicant', householdId: households[0], info: '男，1956年生，曹杨一村1号202室' },
    {
      name: '李二华',
      role: 'respondent',
      householdId: households[1],
      info: '女，1962年生，曹杨一村1号302室',
    },
  ],
});

const agreement = {
  facts: '302室卫生间防水层老化导致渗水。',
  disputedMatters: '渗水责任及修复费用承担；被申请人承担主要责任。',
  terms: '被申请人于期限内修复防水层，并一次性支付申请人粉刷费用人民币1200元。',
  performance: '被申请人委托施工队修复，费用以现金当面支付，调解员见证',
  performBy: '2026-03-20',
};

beforeAll(async () => {
  clock = new ManualClock('2026-03-01T02:00:00Z');
  t = await createTestApp({ clock });
  street = await newStreet(t.deps, '曹杨');
  const leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  const estateId = (await leader.call('POST', '/api/estates', { name: '曹杨一村' })).json().id;
  const building = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '1号' })).json()
    .id;
  households = [];
  for (let i = 0; i < 3; i++)
    households.push(
      (
        await leader.call('POST', '/api/households', {
          buildingId: building,
          room: String(202 + i * 100),
          headName: `居民${i}`,
        })
      ).json().id,
    );
  users = {
    committee: await newUser(t.deps, 'committee', street),
    otherMediator: await newUser(t.deps, 'mediator', street),
    cadre: await newUser(t.deps, 'cadre', street),
    residentA: await newUser(t.deps, 'resident', street, { householdId: households[0] }),
    residentC: await newUser(t.deps, 'resident', street, { householdId: households[2] }),
  };
  mediatorUser = await newUser(t.deps, 'mediator', street);
  liaisonUser = await newUser(t.deps, 'liaison', street);
  judicialUser = await newUser(t.deps, 'liaison', street, { liaisonOrg: 'judicial' });
  lawyerUser = await newUser(t.deps, 'liaison', street, { liaisonOrg: 'law_firm' });
  await signInAll();
});
afterAll(() => t.close());

describe('a mediation case from intake to an agreement in effect', () => {
  let caseId: number;
  it('registers, accepts, records a session and an agreement', async () => {
    const created = await mediator.call('POST', '/api/mediation/cases', caseBody());
    expect(created.statusCode).toBe(200);
    caseId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'applied', caseNo: '2026-0001', level: 'residential' });
    expect(created.json().caseFile).toEqual([{ document: 'application', present: true }]);

    // no outcome before acceptance
    const early = await mediator.call('POST', `/api/mediation/cases/${caseId}/outcome`, {
      outcome: 'agreement',
      agreement,
    });
    expect(early.statusCode).toBe(409);

    const accepted = await mediator.call('POST', `/api/mediation/cases/${caseId}/decision`, {
      accept: true,
      level: 'street',
    });
    expect(accepted.json()).toMatchObject({ status: 'mediating', level: 'street' });
    const notice = await mediator.call('GET', `/api/mediation/cases/${caseId}/decision-notice.pdf`);
    expect(notice.statusCode).toBe(200);
    expect(notice.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    // the liaison's unit is the one on its account: 司法所, never an assumed 派出所
    const invited = await mediator.call('POST', `/api/mediation/cases/${caseId}/members`, {
      userId: judicialUser.id,
      role: 'liaison',
    });
    expect(invited.json().members).toHaveLength(2);
    expect(invited.json().members).toContainEqual(
      expect.objectContaining({ userId: judicialUser.id, role: 'liaison', org: 'judicial' }),
    );
    const wrongRole = await mediator.call('POST', `/api/mediation/cases/${caseId}/members`, {
      userId: judicialUser.id,
      role: 'mediator',
    });
    expect(wrongRole.statusCode).toBe(400);
    const candidates = (await mediator.call('GET', '/api/mediation/candidates')).json();
    expect(candidates.find((u: { id: number }) => u.id === judicialUser.id)).toMatchObject({
      role: 'liaison',
      org: 'judicial',
    });
    expect(candidates.find((u: { id: number }) => u.id === lawyerUser.id)).toMatchObject({
      org: 'law_firm',
    });
    // an account without a unit (from before units were recorded) is refused with the reason
    const noUnit = await newUser(t.deps, 'liaison', street);
    await t.deps.db.updateTable('users').set({ liaison_org: null }).where('id', '=', noUnit.id).execute();
    const refused = await mediator.call('POST', `/api/mediation/cases/${caseId}/members`, {
      userId: noUnit.id,
      role: 'liaison',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details[0]).toMatchObject({ path: 'body.userId' });
    expect(refused.json().details[0].message).toContain('所属单位');
    expect(candidates.find((u: { id: number; role: string }) => u.role !== 'liaison').org).toBeNull();

    const noSession = await mediator.call('POST', `/api/mediation/cases/${caseId}/outcome`, {
      outcome: 'agreement',
      agreement,
    });
    expect(noSession.statusCode).toBe(409);
    const session = await mediator.call('POST', `/api/mediation/cases/${caseId}/sessions`, {
      heldAt: '2026-03-02T06:00:00Z',
      place: '曹杨一村居委会调解室',
      record: '双方到场陈述，司法所联络员释法，双方同意由被申请人修复。',
    });
    expect(session.json().sessions).toHaveLength(1);
    const outcome = await mediator.call('POST', `/api/mediation/cases/${caseId}/outcome`, {
      outcome: 'agreement',
      agreement,
    });
    expect(outcome.json()).toMatchObject({ status: 'agreed', agreementEffectiveAt: null });
    const pdf = await mediator.call('GET', `/api/mediation/cases/${caseId}/agreement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.length).toBeGreaterThan(5000);
  });

  it('takes effect when every party and the mediator have signed', async () => {
    const c = (await mediator.call('GET', `/api/mediation/cases/${caseId}`)).json();
    const [applicant, respondent] = c.parties;
    // a party signs their own part online; not someone else's
    expect(
      (await residentA.call('POST', `/api/mediation/cases/${caseId}/signatures`, { partyId: respondent.id }))
        .statusCode,
    ).toBe(404);
    expect(
      (await residentA.call('POST', `/api/mediation/cases/${caseId}/signatures`, { partyId: applicant.id }))
        .statusCode,
    ).toBe(200);
    // staff recording a party's signature say how it was given, and stand as its witness
    const how = (body: Record<string, unknown>) =>
      mediator.call('POST', `/api/mediation/cases/${caseId}/signatures`, { partyId: respondent.id, ...body });
    expect((await how({})).json().details[0]).toMatchObject({ path: 'body.method' });
    expect((await how({ method: 'online' })).statusCode).toBe(400);
    expect((await how({ method: 'proxy' })).json().details[0]).toMatchObject({ path: 'body.proxyName' });
    // a proxy signs only with the party's written authorisation, recorded
    expect((await how({ method: 'proxy', proxyName: '王小明' })).json().details[0]).toMatchObject({
      path: 'body.authorisation',
    });
    const after2 = await how({
      method: 'proxy',
      proxyName: '王小明（儿子，持授权委托书）',
      authorisation: '2026年2月28日授权委托书，委托签署本调解协议',
      witnessName: '居委会委员 顾某',
    });
    expect(after2.statusCode, after2.body).toBe(200);
    expect(after2.json().agreementEffectiveAt).toBeNull();
    const [a, r] = after2.json().parties;
    expect(a).toMatchObject({ signedHow: 'online', signedProxy: null, signedWitness: null });
    expect(r).toMatchObject({
      signedHow: 'proxy',
      signedProxy: '王小明（儿子，持授权委托书）',
      signedAuthorisation: '2026年2月28日授权委托书，委托签署本调解协议',
      signedWitness: '测试 mediator',
      signedWitnessName: '居委会委员 顾某',
    });
    // another mediator is not on the case: not found
    expect(
      (await otherMediator.call('POST', `/api/mediation/cases/${caseId}/signatures`, {})).statusCode,
    ).toBe(404);
    const signed = await mediator.call('POST', `/api/mediation/cases/${caseId}/signatures`, {});
    expect(signed.json().agreementEffectiveAt).toBe('2026-03-01T02:00:00.000Z');
    expect(signed.json().confirmationDueOn).toBe('2026-03-31');
    expect(signed.json().caseFile).toContainEqual({ document: 'return_visit', present: false });
  });

  it('tracks the 30-day window for judicial confirmation with reminders', async () => {
    let due = (await mediator.call('GET', '/api/mediation/confirmation-due')).json();
    expect(due.items).toEqual([expect.objectContaining({ caseId, daysLeft: 30, overdue: false })]);
    expect((await mediator.call('GET', '/api/mediation/reminders')).json().items).toEqual([]);

    clock.advance(24 * DAY); // 2026-03-25: six days left, the performance deadline has passed
    await signInAll();
    const reminders = (await mediator.call('GET', '/api/mediation/reminders')).json().items;
    expect(reminders.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'judicial_confirmation',
      'performance_due',
      'return_visit',
    ]);
    expect(reminders.find((r: { kind: string }) => r.kind === 'judicial_confirmation')).toMatchObject({
      dueOn: '2026-03-31',
      overdue: false,
    });
    // only the case's mediators are reminded
    expect((await otherMediator.call('GET', '/api/mediation/reminders')).json().items).toEqual([]);

    clock.advance(7 * DAY);
    await signInAll();
    due = (await committee.call('GET', '/api/mediation/confirmation-due')).json();
    expect(due.items[0]).toMatchObject({ caseId, daysLeft: -1, overdue: true });

    await mediator.call('POST', `/api/mediation/cases/${caseId}/followups`, {
      kind: 'performance',
      at: clock.now().toISOString(),
      note: '防水层已修复，费用已付清。',
      performed: true,
    });
    await mediator.call('POST', `/api/mediation/cases/${caseId}/followups`, {
      kind: 'return_visit',
      at: clock.now().toISOString(),
      note: '回访：双方关系缓和，未再渗水。',
    });
    const applied = await mediator.call('POST', `/api/mediation/cases/${caseId}/followups`, {
      kind: 'judicial_confirmation',
      at: clock.now().toISOString(),
      note: '双方共同向区法院申请司法确认。',
    });
    expect(applied.json().caseFile.every((d: { present: boolean }) => d.present)).toBe(true);
    expect((await mediator.call('GET', '/api/mediation/confirmation-due')).json().items).toEqual([]);
    expect((await mediator.call('GET', '/api/mediation/reminders')).json().items).toEqual([]);
  });

  it('lets each liaison record its own unit’s part, the judicial office the judicial confirmation', async () => {
    const entry = (who: Session, body: Record<string, unknown>) =>
      who.call('POST', `/api/mediation/cases/${caseId}/liaison-entries`, {
        at: clock.now().toISOString(),
        note: '记录内容',
        ...body,
      });
    // the law firm is not on this case; the mediator is no liaison
    expect((await entry(lawyer, { kind: 'legal_advice' })).statusCode).toBe(404);
    expect((await entry(mediator, { kind: 'legal_advice' })).statusCode).toBe(403);
    // a unit records only its own kinds
    expect((await entry(judicial, { kind: 'police_action' })).json().details[0]).toMatchObject({
      path: 'body.kind',
    });
    // a result needs a result value, and an application before it
    expect((await entry(judicial, { kind: 'confirmation_result' })).statusCode).toBe(400);
    const applied = await entry(judicial, {
      kind: 'confirmation_applied',
      note: '司法所协助双方向区法院递交司法确认申请。',
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const ruled = await entry(judicial, {
      kind: 'confirmation_result',
      result: 'confirmed',
      note: '区法院裁定调解协议有效。',
    });
    expect(ruled.json().liaisonEntries).toEqual([
      expect.objectContaining({
        org: 'judicial',
        kind: 'confirmation_applied',
        result: null,
        by: '测试 liaison',
      }),
      expect.objectContaining({ org: 'judicial', kind: 'confirmation_result', result: 'confirmed' }),
    ]);
    expect((await entry(judicial, { kind: 'confirmation_result', result: 'refused' })).statusCode).toBe(409);
    // the mediator is told, the parties see the judicial confirmation
    const notes = (await mediator.call('GET', '/api/notifications?topic=mediation.liaison')).json();
    expect(notes.items[0]).toMatchObject({
      title: '2026-0001：司法确认结果',
      link: `/mediation/cases/${caseId}`,
    });
    const own = (await residentA.call('GET', `/api/mediation/cases/${caseId}`)).json();
    expect(own.liaisonEntries.map((e: { kind: string }) => e.kind)).toEqual([
      'confirmation_applied',
      'confirmation_result',
    ]);
    // the agreement states how each party signed and who witnessed it
    const pdf = await mediator.call('GET', `/api/mediation/cases/${caseId}/agreement.pdf`);
    expect(pdf.statusCode).toBe(200);
  });

  it('keeps the case confidential', async () => {
    expect((await cadre.call('GET', `/api/mediation/cases/${caseId}`)).statusCode).toBe(403);
    expect((await otherMediator.call('GET', `/api/mediation/cases/${caseId}`)).statusCode).toBe(404);
    expect((await otherMediator.call('GET', '/api/mediation/cases')).json().total).toBe(0);
    expect((await residentC.call('GET', `/api/mediation/cases/${caseId}`)).statusCode).toBe(404);
    expect((await residentC.call('GET', `/api/mediation/cases/${caseId}/agreement.pdf`)).statusCode).toBe(
      404,
    );
    expect((await judicial.call('GET', `/api/mediation/cases/${caseId}`)).statusCode).toBe(200);
    expect((await liaison.call('GET', `/api/mediation/cases/${caseId}`)).statusCode).toBe(404);
    expect((await committee.call('GET', `/api/mediation/cases/${caseId}`)).statusCode).toBe(200);
    const own = await residentA.call('GET', `/api/mediation/cases/${caseId}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ partyView: true, sessions: [], followups: [] });
    expect((await residentA.call('GET', `/api/mediation/cases/${caseId}/agreement.pdf`)).statusCode).toBe(
      200,
    );
    expect((await residentA.call('GET', '/api/mediation/cases')).json().total).toBe(1);
    // a party cannot act as a mediator
    expect((await residentA.call('POST', `/api/mediation/cases/${caseId}/sessions`, {})).statusCode).toBe(
      403,
    );
    // another street's committee head sees nothing
    const street2 = await newStreet(t.deps, '长风');
    const head2 = await login(t.app, await newUser(t.deps, 'committee', street2));
    expect((await head2.call('GET', `/api/mediation/cases/${caseId}`)).statusCode).toBe(404);
  });
});

describe('refusal, failure, withdrawal and escalation', () => {
  it('refuses a case with a reason and a notice', async () => {
    const id = (await mediator.call('POST', '/api/mediation/cases', caseBody('房屋产权归属争议'))).json().id;
    const refused = await mediator.call('POST', `/api/mediation/cases/${id}/decision`, {
      accept: false,
      reason: '该纠纷已由人民法院受理',
    });
    expect(refused.json()).toMatchObject({ status: 'refused', decisionReason: '该纠纷已由人民法院受理' });
    expect(refused.json().closedAt).not.toBeNull();
    expect(refused.json().caseFile).toEqual([
      { document: 'application', present: true },
      { document: 'decision_notice', present: true },
    ]);
    const notice = await mediator.call('GET', `/api/mediation/cases/${id}/decision-notice.pdf`);
    expect(notice.statusCode).toBe(200);
    expect(
      (await mediator.call('POST', `/api/mediation/cases/${id}/decision`, { accept: true })).statusCode,
    ).toBe(409);
  });

  it('records a failure with the other routes, and a withdrawal', async () => {
    const id = (await mediator.call('POST', '/api/mediation/cases', caseBody('施工噪声损害赔偿'))).json().id;
    await mediator.call('POST', `/api/mediation/cases/${id}/decision`, { accept: true });
    await mediator.call('POST', `/api/mediation/cases/${id}/sessions`, {
      heldAt: '2026-03-05T06:00:00Z',
      place: '街道调解中心',
      record: '双方对赔偿金额分歧较大。',
    });
    const failed = await mediator.call('POST', `/api/mediation/cases/${id}/outcome`, {
      outcome: 'failed',
      note: '经两次调解未能达成协议，终止调解。',
      otherRoutes: '已告知当事人可依法向人民法院提起诉讼。',
    });
    expect(failed.json()).toMatchObject({ status: 'failed' });
    expect(failed.json().caseFile).toContainEqual({ document: 'failure_record', present: true });
    expect((await mediator.call('GET', `/api/mediation/cases/${id}/agreement.pdf`)).statusCode).toBe(409);

    const id2 = (await mediator.call('POST', '/api/mediation/cases', caseBody('家庭赡养纠纷'))).json().id;
    await mediator.call('POST', `/api/mediation/cases/${id2}/decision`, { accept: true });
    const withdrawn = await mediator.call('POST', `/api/mediation/cases/${id2}/outcome`, {
      outcome: 'withdrawn',
      note: '申请人撤回调解申请。',
    });
    expect(withdrawn.json().status).toBe('withdrawn');
  });

  it('escalates a case at risk to the police liaison at once', async () => {
    const id = (await mediator.call('POST', '/api/mediation/cases', caseBody('搭建违章引发冲突'))).json().id;
    await mediator.call('POST', `/api/mediation/cases/${id}/decision`, { accept: true });
    expect((await liaison.call('GET', `/api/mediation/cases/${id}`)).statusCode).toBe(404);
    const events: LiveEvent[] = [];
    const stop = t.deps.events.subscribe(street, (e) => events.push(e));
    const flagged = await mediator.call('POST', `/api/mediation/cases/${id}/risk`, {
      note: '一方扬言报复，有肢体冲突迹象',
    });
    expect(flagged.json()).toMatchObject({ atRisk: true });
    expect(flagged.json().members).toContainEqual(
      expect.objectContaining({ userId: liaisonUser.id, role: 'liaison', org: 'police' }),
    );
    // only the police station's liaisons: the judicial office and the law firm are not made police
    const invitedIds = flagged.json().members.map((m: { userId: number }) => m.userId);
    expect(invitedIds).not.toContain(judicialUser.id);
    expect(invitedIds).not.toContain(lawyerUser.id);
    await new Promise((r) => setTimeout(r, 100));
    stop();
    expect(events).toContainEqual(expect.objectContaining({ topic: 'mediation.escalation' }));
    // the police liaison is told at once, through the platform's notifications
    const notes = (await liaison.call('GET', '/api/notifications?topic=mediation.')).json();
    expect(notes.items[0]).toMatchObject({
      topic: 'mediation.escalation',
      link: `/mediation/cases/${id}`,
      readAt: null,
    });
    expect(notes.unread).toBeGreaterThan(0);
    expect((await liaison.call('POST', `/api/notifications/${notes.items[0].id}/read`)).statusCode).toBe(200);
    expect((await mediator.call('POST', `/api/notifications/${notes.items[0].id}/read`)).statusCode).toBe(
      404,
    );
    // the topic filter keeps to its prefix and refuses wildcards
    expect((await liaison.call('GET', '/api/notifications?topic=safety.')).json().items).toEqual([]);
    expect((await liaison.call('GET', '/api/notifications?topic=%25')).statusCode).toBe(400);
    expect((await liaison.call('GET', `/api/mediation/cases/${id}`)).statusCode).toBe(200);
    // the leaders' view
    const risky = (await committee.call('GET', '/api/mediation/cases?atRisk=true')).json();
    expect(risky.items.map((c: { id: number }) => c.id)).toEqual([id]);
    // and the parties do not see the risk flag
    expect((await residentA.call('GET', `/api/mediation/cases/${id}`)).json()).toMatchObject({
      atRisk: false,
      riskNote: null,
    });
  });

  it('computes the figures for the committee head only', async () => {
    expect((await mediator.call('GET', '/api/mediation/figures')).statusCode).toBe(403);
    const f = (await committee.call('GET', '/api/mediation/figures')).json();
    expect(f.total).toBe(5);
    expect(f.successRate).toBe(50); // one agreement, one failure
    expect(f.confirmationRate).toBe(100);
    expect(f.atRisk).toBe(1);
    expect(f.byOutcome).toContainEqual({ key: 'refused', count: 1 });
    expect(f.byLevel).toContainEqual({ key: 'street', count: 1 });
  });

  it('writes every change into the audit log', async () => {
    const actions = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', street)
      .where('entity_type', '=', 'mediation_case')
      .execute();
    const set = new Set(actions.map((a) => a.action));
    for (const a of [
      'mediation.create',
      'mediation.accept',
      'mediation.refuse',
      'mediation.sign',
      'mediation.escalate',
    ])
      expect(set.has(a)).toBe(true);
  });
});

describe('structured parties, withdrawal before acceptance, notifications', () => {
  const outsider = { kind: 'outsider', name: '王建设（合成）', role: 'respondent', contact: '138 1234 5678' };
  const structured = () => ({
    ...caseBody('外立面施工损坏窗台'),
    type: 'construction_damage',
    parties: [
      {
        kind: 'household',
        name: '居民0',
        role: 'applicant',
        householdId: households[0],
        info: '男，1956年生',
      },
      outsider,
    ],
  });

  it('keeps a household party linked and an outsider’s phone encrypted and masked', async () => {
    const created = await mediator.call('POST', '/api/mediation/cases', structured());
    expect(created.statusCode).toBe(200);
    const c = created.json();
    expect(c.parties).toEqual([
      expect.objectContaining({
        kind: 'household',
        householdId: households[0],
        householdLabel: '曹杨一村1号202室',
        contact: null,
      }),
      expect.objectContaining({
        kind: 'outsider',
        householdId: null,
        householdLabel: null,
        contact: '138****5678',
      }),
    ]);
    const stored = await t.deps.db
      .selectFrom('mediation_parties')
      .select(['contact_enc', 'kind'])
      .where('case_id', '=', c.id)
      .where('kind', '=', 'outsider')
      .executeTakeFirstOrThrow();
    expect(stored.contact_enc).not.toContain('5678');
    // the full number for the case's handler, audited; not for a party or another mediator
    const outsiderId = c.parties[1].id;
    const full = await mediator.call('GET', `/api/mediation/cases/${c.id}/parties/${outsiderId}/contact`);
    expect(full.json()).toEqual({ contact: '13812345678' });
    expect(
      (await otherMediator.call('GET', `/api/mediation/cases/${c.id}/parties/${outsiderId}/contact`))
        .statusCode,
    ).toBe(404);
    expect(
      (await residentA.call('GET', `/api/mediation/cases/${c.id}/parties/${outsiderId}/contact`)).statusCode,
    ).toBe(403);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(c.id) as never)
      .where('action', '=', 'mediation.party.contact')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('rejects a household party without a household and a malformed phone', async () => {
    const noHousehold = structured();
    noHousehold.parties[0] = { kind: 'household', name: '居民0', role: 'applicant' } as never;
    expect((await mediator.call('POST', '/api/mediation/cases', noHousehold)).statusCode).toBe(400);
    const badPhone = structured();
    badPhone.parties[1] = { ...outsider, contact: '12345' };
    const res = await mediator.call('POST', '/api/mediation/cases', badPhone);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('contact');
  });

  it('corrects a free-text party into a household party and adds a party', async () => {
    const c = (await mediator.call('POST', '/api/mediation/cases', structured())).json();
    const updated = await mediator.call('PUT', `/api/mediation/cases/${c.id}/parties/${c.parties[1].id}`, {
      kind: 'household',
      name: '居民2',
      role: 'respondent',
      householdId: households[2],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().parties[1]).toMatchObject({
      kind: 'household',
      householdLabel: '曹杨一村1号402室',
      contact: '138****5678', // the stored phone is kept
    });
    // the linked household's resident now sees the case as a party
    expect((await residentC.call('GET', `/api/mediation/cases/${c.id}`)).statusCode).toBe(200);
    const added = await mediator.call('POST', `/api/mediation/cases/${c.id}/parties`, {
      name: '物业公司（合成）',
      role: 'third_party',
    });
    expect(added.json().parties).toHaveLength(3);
    expect(added.json().parties[2]).toMatchObject({ kind: 'outsider', role: 'third_party' });
    // a party may withdraw before the case is decided
    const withdrawn = await mediator.call('POST', `/api/mediation/cases/${c.id}/outcome`, {
      outcome: 'withdrawn',
      note: '申请人撤回申请，双方自行和解。',
    });
    expect(withdrawn.json().status).toBe('withdrawn');
    expect(
      (
        await mediator.call('POST', `/api/mediation/cases/${c.id}/parties`, {
          name: '迟到者',
          role: 'third_party',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('notifies the police liaison and the committee heads of an escalation through the outbox', async () => {
    const rows = await t.deps.db
      .selectFrom('notifications')
      .select(['user_id', 'topic', 'link'])
      .where('tenant_id', '=', street)
      .where('topic', '=', 'mediation.escalation')
      .execute();
    const ids = rows.map((r) => r.user_id);
    expect(ids).toContain(liaisonUser.id);
    expect(ids).toContain(users.committee.id);
    expect(ids).not.toContain(users.otherMediator.id);
    expect(rows[0]!.link).toMatch(/^\/mediation\/cases\/\d+$/);
  });

  it('sends each confirmation-window reminder once, to the mediators and the parties', async () => {
    const c = (await mediator.call('POST', '/api/mediation/cases', structured())).json();
    await mediator.call('POST', `/api/mediation/cases/${c.id}/decision`, { accept: true });
    await mediator.call('POST', `/api/mediation/cases/${c.id}/sessions`, {
      heldAt: clock.now().toISOString(),
      place: '街道调解中心',
      record: '施工方同意修复窗台。',
    });
    await mediator.call('POST', `/api/mediation/cases/${c.id}/outcome`, {
      outcome: 'agreement',
      agreement: { ...agreement, performBy: '2027-12-31' },
    });
    for (const p of c.parties)
      await mediator.call('POST', `/api/mediation/cases/${c.id}/signatures`, {
        partyId: p.id,
        method: 'paper',
      });
    const signed = (await mediator.call('POST', `/api/mediation/cases/${c.id}/signatures`, {})).json();
    expect(signed.agreementEffectiveAt).not.toBeNull();
    const { sendDueReminders } = await import('./mediation.reminders.ts');
    const sentFor = () =>
      t.deps.db
        .selectFrom('notifications')
        .select(['user_id', 'contact_phone_cipher', 'topic', 'body'])
        .where('tenant_id', '=', street)
        .where('link', '=', `/mediation/cases/${c.id}`)
        .where('topic', 'like', 'mediation.reminder.%')
        .execute();

    await sendDueReminders(t.deps);
    expect(await sentFor()).toEqual([]); // 30 days left: nothing yet

    clock.advance(24 * DAY); // six days left
    await sendDueReminders(t.deps);
    await sendDueReminders(t.deps); // a second sweep sends nothing again
    let sent = await sentFor();
    const confirmation = sent.filter((n) => n.topic === 'mediation.reminder.judicial_confirmation');
    expect(confirmation.map((n) => n.user_id).sort()).toEqual(
      [mediatorUser.id, users.residentA.id, null].sort(),
    );
    expect(confirmation.find((n) => n.user_id === null)!.contact_phone_cipher).toBeTruthy();
    expect(confirmation[0]!.body).toContain('6 天');

    clock.advance(7 * DAY); // the window has passed: one more reminder, to the mediator only
    await sendDueReminders(t.deps);
    await sendDueReminders(t.deps);
    sent = await sentFor();
    const overdue = sent.filter(
      (n) => n.topic === 'mediation.reminder.judicial_confirmation' && n.body.includes('已过'),
    );
    expect(overdue.map((n) => n.user_id)).toEqual([mediatorUser.id]);
    await signInAll();
  });
});

describe('a liaison account carries its unit', () => {
  it('needs the unit when a liaison is created or made one, and keeps it', async () => {
    const leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
    const body = {
      username: 'judicial_new',
      displayName: '司法所 新联络人',
      password: 'Gz-Liaison-2026!x',
      role: 'liaison',
    };
    const missing = await leader.call('POST', '/api/users', body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details[0]).toMatchObject({ path: 'body.liaisonOrg' });
    const made = await leader.call('POST', '/api/users', { ...body, liaisonOrg: 'judicial' });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ role: 'liaison', liaisonOrg: 'judicial' });
    const cadreUser = (
      await leader.call('POST', '/api/users', { ...body, username: 'cadre_new', role: 'cadre' })
    ).json();
    expect(cadreUser.liaisonOrg).toBeNull();
    expect((await leader.call('PATCH', `/api/users/${cadreUser.id}`, { role: 'liaison' })).statusCode).toBe(
      400,
    );
    const moved = await leader.call('PATCH', `/api/users/${cadreUser.id}`, {
      role: 'liaison',
      liaisonOrg: 'law_firm',
    });
    expect(moved.json()).toMatchObject({ role: 'liaison', liaisonOrg: 'law_firm' });
  });
});
