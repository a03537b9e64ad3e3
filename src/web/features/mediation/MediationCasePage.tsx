import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Tag,
} from 'antd';
import {
  EditOutlined,
  EyeOutlined,
  FileTextOutlined,
  PlusOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CaseLevels, FollowupKinds } from '../../../contract/mediation.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { PartyFields, partyBody, type PartyForm } from './PartyFields.tsx';
import { FormModal } from './FormModal.tsx';
import { MemberModal, SignPartyModal, signatureWords } from './CaseSignatures.tsx';
import { LiaisonEntries } from './LiaisonEntries.tsx';
import {
  fetchPartyContact,
  useAddSession,
  useCase,
  useDecide,
  useFlagRisk,
  useFollowup,
  useMediationLive,
  useOutcome,
  useSaveParty,
  useSign,
  type Case,
} from './mediation.api.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { streetTimeToIso } from '../../components/streetClock.ts';

/** One case: its file (卷宗), parties, members, sessions, outcome, signatures, follow-ups. */
export function MediationCasePage() {
  const { t } = useTranslation();
  const when = useDateTimeFormat();
  const id = Number(useParams().id);
  const me = useMe();
  const canHandle = hasPermission(me, 'mediation.handle');
  const query = useCase(id);
  const sign = useSign(id);
  const { message } = App.useApp();
  const [editingParty, setEditingParty] = useState<Case['parties'][number] | 'new' | null>(null);
  const [signingParty, setSigningParty] = useState<Case['parties'][number] | null>(null);
  useMediationLive();

  if (query.isPending) return <FullPageSpin />;
  if (!query.data) return <ErrorAlert error={query.error} title={t('errors.loadFailed')} />;
  const c = query.data;
  const signing = c.status === 'agreed' && !c.agreementEffectiveAt;
  const editable = canHandle && (c.status === 'applied' || c.status === 'mediating');
  const reveal = (partyId: number) =>
    fetchPartyContact(id, partyId).then(
      (r) => void message.info(r.contact ?? '—', 8),
      () => void message.error(t('errors.loadFailed')),
    );

  return (
    <Page
      title={`${c.caseNo} ${c.title}`}
      actions={
        <Space wrap>
          {c.decidedAt ? (
            <Button
              href={`/api/mediation/cases/${id}/decision-notice.pdf`}
              icon={<FileTextOutlined aria-hidden />}
            >
              {t('mediation.noticePdf')}
            </Button>
          ) : null}
          {c.agreement ? (
            <Button href={`/api/mediation/cases/${id}/agreement.pdf`} icon={<FileTextOutlined aria-hidden />}>
              {t('mediation.agreementPdf')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('mediation.status')}>
                <Tag data-testid="case-status">{t(`mediation.statuses.${c.status}`)}</Tag>
                {c.atRisk ? (
                  <Tag color="red" icon={<WarningOutlined aria-hidden />}>
                    {t('mediation.atRisk')}
                  </Tag>
                ) : null}
                {c.agreementEffectiveAt ? <Tag color="green">{t('mediation.effective')}</Tag> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('mediation.type')}>
                {t(`mediation.types.${c.type}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('mediation.source')}>
                {t(`mediation.sources.${c.source}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('mediation.level')}>
                {t(`mediation.levels.${c.level}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('mediation.facts')}>{c.facts}</Descriptions.Item>
              <Descriptions.Item label={t('mediation.claims')}>{c.claims}</Descriptions.Item>
              {c.decisionReason ? (
                <Descriptions.Item label={t('mediation.reason')}>{c.decisionReason}</Descriptions.Item>
              ) : null}
              {c.riskNote ? (
                <Descriptions.Item label={t('mediation.riskNote')}>{c.riskNote}</Descriptions.Item>
              ) : null}
              {c.outcomeNote ? (
                <Descriptions.Item label={t('mediation.note')}>{c.outcomeNote}</Descriptions.Item>
              ) : null}
              {c.otherRoutes ? (
                <Descriptions.Item label={t('mediation.otherRoutes')}>{c.otherRoutes}</Descriptions.Item>
              ) : null}
              {c.confirmationDueOn ? (
                <Descriptions.Item label={t('mediation.confirmationDue')}>
                  {c.confirmationDueOn}
                  {c.confirmationAppliedAt ? ` · ${t('mediation.confirmationApplied')}` : ''}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={<h2 className="gz-section-title">{t('mediation.caseFile')}</h2>}>
            <ul data-testid="case-file">
              {c.caseFile.map((d) => (
                <li key={d.document}>
                  {t(`mediation.docs.${d.document}`)}{' '}
                  <Tag color={d.present ? 'green' : 'orange'}>
                    {d.present ? t('mediation.present') : t('mediation.missing')}
                  </Tag>
                </li>
              ))}
            </ul>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={<h2 className="gz-section-title">{t('mediation.parties')}</h2>}
            extra={
              editable ? (
                <Button
                  size="small"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => setEditingParty('new')}
                >
                  {t('mediation.addParty')}
                </Button>
              ) : null
            }
          >
            {c.partyView ? <p className="gz-muted">{t('mediation.viewOnly')}</p> : null}
            <ErrorAlert error={sign.error} />
            <ul data-testid="parties">
              {c.parties.map((p) => (
                <li key={p.id}>
                  {t(`mediation.roles.${p.role}`)}：{p.name} <Tag>{t(`mediation.partyKinds.${p.kind}`)}</Tag>
                  {p.householdLabel ? `${p.householdLabel} ` : ''}
                  {p.contact ? (
                    <span>
                      ☎ {p.contact}
                      {canHandle && !c.partyView ? (
                        <Button
                          size="small"
                          type="link"
                          icon={<EyeOutlined aria-hidden />}
                          aria-label={`${t('mediation.showContact')} ${p.name}`}
                          onClick={() => void reveal(p.id)}
                        />
                      ) : null}
                    </span>
                  ) : null}
                  {p.info ? `（${p.info}）` : ''}{' '}
                  {editable && !p.signedAt ? (
                    <Button
                      size="small"
                      type="link"
                      icon={<EditOutlined aria-hidden />}
                      aria-label={`${t('mediation.editParty')} ${p.name}`}
                      onClick={() => setEditingParty(p)}
                    >
                      {t('mediation.editParty')}
                    </Button>
                  ) : null}
                  {p.signedAt ? (
                    <>
                      <Tag color="green">{t('mediation.signed')}</Tag>
                      {p.signedHow ? <span className="gz-muted">{signatureWords(t, p)}</span> : null}
                    </>
                  ) : signing ? (
                    <Button
                      size="small"
                      // staff say how the party signed; a party signs its own part online
                      onClick={() => (canHandle ? setSigningParty(p) : sign.mutate({ partyId: p.id }))}
                      aria-label={`${t('mediation.sign')} ${p.name}`}
                    >
                      {t('mediation.sign')}
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
            <h3>{t('mediation.members')}</h3>
            <ul>
              {c.members.map((m) => (
                <li key={m.userId}>
                  {m.org ? t(`mediation.orgs.${m.org}`) : t(`mediation.memberRole.${m.role}`)}：{m.name}{' '}
                  {m.signedAt ? <Tag color="green">{t('mediation.signed')}</Tag> : null}
                </li>
              ))}
            </ul>
            {signing && canHandle ? (
              <Button type="primary" onClick={() => sign.mutate({})}>
                {t('mediation.signMediator')}
              </Button>
            ) : null}
          </Card>
        </Col>
        {!c.partyView ? (
          <Col xs={24} lg={12}>
            <Card title={<h2 className="gz-section-title">{t('mediation.sessions')}</h2>}>
              <ul>
                {c.sessions.map((s) => (
                  <li key={s.id}>
                    {when(s.heldAt)} {s.place}：{s.record}
                  </li>
                ))}
              </ul>
              <h3>{t('mediation.followups')}</h3>
              <ul>
                {c.followups.map((f) => (
                  <li key={f.id}>
                    {t(`mediation.followupKinds.${f.kind}`)} {when(f.at)}：{f.note}
                  </li>
                ))}
              </ul>
            </Card>
          </Col>
        ) : null}
        <Col xs={24}>
          <LiaisonEntries c={c} />
        </Col>
        {canHandle ? (
          <Col xs={24}>
            <Actions c={c} />
          </Col>
        ) : null}
      </Row>
      {editingParty ? (
        <PartyModal
          c={c}
          party={editingParty === 'new' ? undefined : editingParty}
          onClose={() => setEditingParty(null)}
        />
      ) : null}
      {signingParty ? (
        <SignPartyModal c={c} party={signingParty} onClose={() => setSigningParty(null)} />
      ) : null}
    </Page>
  );
}

type Dialog =
  'accept' | 'refuse' | 'withdraw' | 'member' | 'session' | 'outcome' | 'followup' | 'risk' | null;

function Actions({ c }: { c: Case }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Dialog>(null);
  const decide = useDecide(c.id);
  const closed = !['applied', 'mediating'].includes(c.status);
  const settled = (c.status === 'agreed' && c.agreementEffectiveAt) || c.status === 'oral_agreed';
  return (
    <Card>
      <ErrorAlert error={decide.error} />
      <Space wrap>
        {c.status === 'applied' ? (
          <>
            <Button type="primary" onClick={() => setOpen('accept')}>
              {t('mediation.accept')}
            </Button>
            <Button danger onClick={() => setOpen('refuse')}>
              {t('mediation.refuse')}
            </Button>
            <Button onClick={() => setOpen('withdraw')}>{t('mediation.withdraw')}</Button>
          </>
        ) : null}
        {!closed ? <Button onClick={() => setOpen('member')}>{t('mediation.addMember')}</Button> : null}
        {c.status === 'mediating' ? (
          <>
            <Button onClick={() => setOpen('session')}>{t('mediation.addSession')}</Button>
            <Button type="primary" onClick={() => setOpen('outcome')}>
              {t('mediation.outcome')}
            </Button>
          </>
        ) : null}
        {settled ? <Button onClick={() => setOpen('followup')}>{t('mediation.addFollowup')}</Button> : null}
        {!c.atRisk && (!closed || c.status === 'failed') ? (
          <Button danger icon={<WarningOutlined aria-hidden />} onClick={() => setOpen('risk')}>
            {t('mediation.flagRisk')}
          </Button>
        ) : null}
      </Space>
      {open === 'accept' ? <AcceptModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'refuse' ? <RefuseModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'withdraw' ? <WithdrawModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'member' ? <MemberModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'session' ? <SessionModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'outcome' ? <OutcomeModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'followup' ? <FollowupModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'risk' ? <RiskModal c={c} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

function AcceptModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecide(c.id);
  return (
    <FormModal<{ level: Case['level'] }>
      title={t('mediation.acceptTitle')}
      onClose={onClose}
      pending={decide.isPending}
      error={decide.error}
      initialValues={{ level: c.level }}
      onFinish={(v) => decide.mutate({ accept: true, level: v.level }, { onSuccess: onClose })}
    >
      <p>{t('mediation.acceptHelp')}</p>
      <Form.Item name="level" label={t('mediation.level')}>
        <Radio.Group options={CaseLevels.map((l) => ({ value: l, label: t(`mediation.levels.${l}`) }))} />
      </Form.Item>
    </FormModal>
  );
}

function WithdrawModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const outcome = useOutcome(c.id);
  return (
    <FormModal<{ note: string }>
      title={t('mediation.withdraw')}
      onClose={onClose}
      pending={outcome.isPending}
      error={outcome.error}
      onFinish={(v) => outcome.mutate({ outcome: 'withdrawn', note: v.note }, { onSuccess: onClose })}
    >
      <p>{t('mediation.withdrawHelp')}</p>
      <Form.Item name="note" label={t('mediation.note')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}

/** Adds a party or corrects one who has not signed (e.g. links a free-text party to its household). */
function PartyModal({
  c,
  party,
  onClose,
}: {
  c: Case;
  party: Case['parties'][number] | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveParty(c.id, party?.id);
  return (
    <FormModal<PartyForm>
      title={party ? t('mediation.editPartyTitle', { name: party.name }) : t('mediation.addParty')}
      onClose={onClose}
      pending={save.isPending}
      error={save.error}
      initialValues={
        party
          ? {
              kind: party.kind,
              householdId: party.householdId,
              name: party.name,
              role: party.role,
              info: party.info ?? undefined,
            }
          : { kind: 'household', role: 'third_party', name: '' }
      }
      onFinish={(v) => save.mutate(partyBody(v), { onSuccess: onClose })}
    >
      <PartyFields
        path={[]}
        absolute={[]}
        {...(party?.householdId && party.householdLabel
          ? { known: { id: party.householdId, label: party.householdLabel } }
          : {})}
        {...(party?.contact ? { contactHelp: `${party.contact} · ${t('mediation.contactKeep')}` } : {})}
      />
    </FormModal>
  );
}

/** Records a party's signature as it was given; the staff member recording it is the witness. */
function RefuseModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecide(c.id);
  return (
    <FormModal<{ reason: string }>
      title={t('mediation.refuse')}
      onClose={onClose}
      pending={decide.isPending}
      error={decide.error}
      onFinish={(v) => decide.mutate({ accept: false, reason: v.reason }, { onSuccess: onClose })}
    >
      <Form.Item name="reason" label={t('mediation.reason')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}

function SessionModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddSession(c.id);
  return (
    <FormModal<{ heldAt: string; place: string; record: string }>
      title={t('mediation.addSession')}
      onClose={onClose}
      pending={add.isPending}
      error={add.error}
      onFinish={(v) => add.mutate({ ...v, heldAt: streetTimeToIso(v.heldAt) }, { onSuccess: onClose })}
    >
      <Form.Item name="heldAt" label={t('mediation.heldAt')} rules={[{ required: true }]}>
        <Input type="datetime-local" />
      </Form.Item>
      <Form.Item name="place" label={t('mediation.place')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="record" label={t('mediation.record')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
    </FormModal>
  );
}

type OutcomeForm = {
  outcome: 'agreement' | 'oral' | 'failed' | 'withdrawn';
  note?: string;
  otherRoutes?: string;
  facts?: string;
  disputedMatters?: string;
  terms?: string;
  performance?: string;
  performBy?: string;
};

function OutcomeModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const outcome = useOutcome(c.id);
  const [kind, setKind] = useState<OutcomeForm['outcome']>('agreement');
  const need = [{ required: true, min: 2 }];
  return (
    <FormModal<OutcomeForm>
      title={t('mediation.outcome')}
      onClose={onClose}
      pending={outcome.isPending}
      error={outcome.error}
      initialValues={{ outcome: 'agreement', facts: c.facts }}
      onFinish={(v) => {
        const body =
          v.outcome === 'agreement'
            ? {
                outcome: 'agreement' as const,
                agreement: {
                  facts: v.facts ?? '',
                  disputedMatters: v.disputedMatters ?? '',
                  terms: v.terms ?? '',
                  performance: v.performance ?? '',
                  performBy: v.performBy ?? '',
                },
              }
            : v.outcome === 'failed'
              ? { outcome: 'failed' as const, note: v.note ?? '', otherRoutes: v.otherRoutes ?? '' }
              : { outcome: v.outcome, note: v.note ?? '' };
        outcome.mutate(body, { onSuccess: onClose });
      }}
    >
      <Form.Item name="outcome" label={t('mediation.outcome')}>
        <Radio.Group
          onChange={(e) => setKind(e.target.value as OutcomeForm['outcome'])}
          options={(['agreement', 'oral', 'failed', 'withdrawn'] as const).map((k) => ({
            value: k,
            label: t(`mediation.${k}`),
          }))}
        />
      </Form.Item>
      {kind === 'agreement' ? (
        <>
          <Form.Item name="facts" label={t('mediation.terms.facts')} rules={need}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="disputedMatters" label={t('mediation.terms.disputedMatters')} rules={need}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="terms" label={t('mediation.terms.terms')} rules={need}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="performance" label={t('mediation.terms.performance')} rules={need}>
            <Input />
          </Form.Item>
          <Form.Item name="performBy" label={t('mediation.terms.performBy')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="note" label={t('mediation.note')} rules={need}>
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
      {kind === 'failed' ? (
        <Form.Item name="otherRoutes" label={t('mediation.otherRoutes')} rules={need}>
          <Input.TextArea rows={2} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

function FollowupModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useFollowup(c.id);
  return (
    <FormModal<{ kind: (typeof FollowupKinds)[number]; note: string; performed?: boolean }>
      title={t('mediation.addFollowup')}
      onClose={onClose}
      pending={add.isPending}
      error={add.error}
      initialValues={{ kind: 'return_visit' }}
      onFinish={(v) => add.mutate({ ...v, at: new Date().toISOString() }, { onSuccess: onClose })}
    >
      <Form.Item name="kind" label={t('mediation.followups')}>
        <Select
          options={FollowupKinds.map((k) => ({ value: k, label: t(`mediation.followupKinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('mediation.note')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="performed" valuePropName="checked">
        <Checkbox>{t('mediation.performed')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

function RiskModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const flag = useFlagRisk(c.id);
  return (
    <FormModal<{ note: string }>
      title={t('mediation.flagRisk')}
      onClose={onClose}
      pending={flag.isPending}
      error={flag.error}
      onFinish={(v) =>
        flag.mutate(v.note, {
          onSuccess: () => {
            void message.success(t('mediation.saved'));
            onClose();
          },
        })
      }
    >
      <Form.Item name="note" label={t('mediation.riskNote')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
