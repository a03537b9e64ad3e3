import { useState } from 'react';
import {
  Button,
  Card,
  Col,
  Divider,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import { CaseLevels, CaseSources, CaseTypes, type CaseBody } from '../../../contract/mediation.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { CountBars } from '../../components/Chart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { useMarkRead, useNotifications } from '../inbox/inbox.api.ts';
import { PartyFields, partyBody, type PartyForm } from './PartyFields.tsx';
import {
  useCases,
  useMediationLive,
  useConfirmationDue,
  useCreateCase,
  useFigures,
  useReminders,
  type CaseSummary,
} from './mediation.api.ts';

/** The mediation desk: cases one may see, reminders, escalations and (for the head) figures. */
export function MediationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canHandle = hasPermission(me, 'mediation.handle');
  const oversee = hasPermission(me, 'mediation.oversee');
  const staff = hasPermission(me, ['mediation.handle', 'mediation.oversee', 'mediation.liaise']);
  const cases = useCases();
  const reminders = useReminders(canHandle);
  const due = useConfirmationDue(staff);
  // escalations addressed to me (the police liaison, the committee heads), from the platform's notices
  const notes = useNotifications({ topic: 'mediation.', enabled: staff });
  const figures = useFigures(oversee);
  const risky = useCases(true);
  const markRead = useMarkRead();
  const [creating, setCreating] = useState(false);
  useMediationLive();
  const label = (kind: 'type' | 'level' | 'outcome', key: string): string =>
    kind === 'type'
      ? t(`mediation.types.${key as CaseSummary['type']}`)
      : kind === 'level'
        ? t(`mediation.levels.${key as CaseSummary['level']}`)
        : t(`mediation.statuses.${key as CaseSummary['status']}`);

  return (
    <Page
      title={t('mediation.title')}
      intro={t('mediation.intro')}
      actions={
        canHandle ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('mediation.create')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={cases.error} title={t('errors.loadFailed')} />
      {figures.data ? (
        <Card className="gz-mb" title={<h2 className="gz-section-title">{t('mediation.figures')}</h2>}>
          <Space size={32} wrap>
            <Statistic title={t('mediation.total')} value={figures.data.total} />
            <Statistic
              title={t('mediation.successRate')}
              value={figures.data.successRate ?? '—'}
              suffix="%"
            />
            <Statistic title={t('mediation.daysToClose')} value={figures.data.averageDaysToClose ?? '—'} />
            <Statistic
              title={t('mediation.confirmationRate')}
              value={figures.data.confirmationRate ?? '—'}
              suffix="%"
            />
            <Statistic title={t('mediation.atRisk')} value={figures.data.atRisk} />
          </Space>
          <Divider />
          <Row gutter={[16, 8]} data-testid="figures-breakdown">
            {(
              [
                ['type', figures.data.byType],
                ['level', figures.data.byLevel],
                ['outcome', figures.data.byOutcome],
              ] as const
            ).map(([kind, counts]) => (
              <Col key={kind} xs={24} md={8}>
                <h3>{t(`mediation.by.${kind}`)}</h3>
                <CountBars
                  title={t(`mediation.by.${kind}`)}
                  rows={counts.map((c) => ({ label: label(kind, c.key), count: c.count }))}
                />
              </Col>
            ))}
          </Row>
        </Card>
      ) : null}
      {oversee && (risky.data?.items.length ?? 0) > 0 ? (
        <Card
          className="gz-mb"
          title={
            <h2 className="gz-section-title">
              <WarningOutlined aria-hidden /> {t('mediation.riskBoard')}
            </h2>
          }
        >
          <ul data-testid="risk-board">
            {risky.data?.items.map((c) => (
              <li key={c.id}>
                <ButtonLink type="link" to={`/mediation/cases/${c.id}`}>
                  {c.caseNo} {c.title}
                </ButtonLink>{' '}
                <Tag>{t(`mediation.statuses.${c.status}`)}</Tag>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        {(notes.data?.items.length ?? 0) > 0 ? (
          <Col xs={24} md={8}>
            <Card title={<h2 className="gz-section-title">{t('mediation.notifications')}</h2>}>
              <ul className="gz-notice-list">
                {notes.data?.items.map((n) => (
                  <li key={n.id} className={n.readAt ? 'gz-notice-read' : undefined}>
                    <WarningOutlined aria-hidden />
                    <span>
                      {n.link ? <Link to={n.link}>{n.body || n.title}</Link> : n.body || n.title}
                      {n.readAt ? null : (
                        <Button size="small" type="link" onClick={() => markRead.mutate(n.id)}>
                          {t('mediation.markRead')}
                        </Button>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          </Col>
        ) : null}
        {(reminders.data?.items.length ?? 0) > 0 ? (
          <Col xs={24} md={8}>
            <Card title={<h2 className="gz-section-title">{t('mediation.reminders')}</h2>}>
              <ul>
                {reminders.data?.items.map((r) => (
                  <li key={`${r.caseId}-${r.kind}`}>
                    {r.caseNo}：{r.message}{' '}
                    {r.overdue ? <Tag color="red">{t('mediation.overdue')}</Tag> : null}
                  </li>
                ))}
              </ul>
            </Card>
          </Col>
        ) : null}
        {(due.data?.items.length ?? 0) > 0 ? (
          <Col xs={24} md={8}>
            <Card title={<h2 className="gz-section-title">{t('mediation.dueList')}</h2>}>
              <ul>
                {due.data?.items.map((d) => (
                  <li key={d.caseId}>
                    {d.caseNo} {d.title}：{d.dueOn}{' '}
                    {d.overdue ? (
                      <Tag color="red">{t('mediation.overdue')}</Tag>
                    ) : (
                      <Tag>{t('mediation.daysLeft', { n: d.daysLeft })}</Tag>
                    )}
                  </li>
                ))}
              </ul>
            </Card>
          </Col>
        ) : null}
      </Row>
      <Table
        className="gz-mt"
        rowKey="id"
        loading={cases.isPending}
        dataSource={cases.data?.items ?? []}
        locale={{ emptyText: t('mediation.empty') }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('mediation.caseNo'), dataIndex: 'caseNo' },
          {
            title: t('mediation.caseTitle'),
            render: (_: unknown, c: CaseSummary) => (
              <Space>
                <ButtonLink type="link" to={`/mediation/cases/${c.id}`}>
                  {c.title}
                </ButtonLink>
                {c.atRisk ? <Tag color="red">{t('mediation.atRisk')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('mediation.type'),
            dataIndex: 'type',
            render: (v: CaseSummary['type']) => t(`mediation.types.${v}`),
          },
          {
            title: t('mediation.level'),
            dataIndex: 'level',
            render: (v: CaseSummary['level']) => t(`mediation.levels.${v}`),
          },
          {
            title: t('mediation.status'),
            dataIndex: 'status',
            render: (v: CaseSummary['status']) => <Tag>{t(`mediation.statuses.${v}`)}</Tag>,
          },
        ]}
      />
      {creating ? <CreateCaseModal onClose={() => setCreating(false)} /> : null}
    </Page>
  );
}

type CaseForm = Omit<z.input<typeof CaseBody>, 'parties'> & { parties: PartyForm[] };

function CreateCaseModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCase();
  const [form] = Form.useForm<CaseForm>();
  return (
    <Modal
      open
      width={720}
      title={t('mediation.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <ErrorAlert error={create.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          type: 'neighbours',
          source: 'application',
          level: 'residential',
          parties: [
            { kind: 'household', name: '', role: 'applicant' },
            { kind: 'household', name: '', role: 'respondent' },
          ],
        }}
        onFinish={(v) =>
          create.mutate(
            {
              ...v,
              parties: v.parties.map(partyBody),
            },
            {
              onSuccess: (c) => {
                onClose();
                void navigate(`/mediation/cases/${c.id}`);
              },
            },
          )
        }
      >
        <Form.Item name="title" label={t('mediation.caseTitle')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="type" label={t('mediation.type')}>
            <Select
              style={{ width: 180 }}
              options={CaseTypes.map((x) => ({ value: x, label: t(`mediation.types.${x}`) }))}
            />
          </Form.Item>
          <Form.Item name="source" label={t('mediation.source')}>
            <Select
              style={{ width: 180 }}
              options={CaseSources.map((x) => ({ value: x, label: t(`mediation.sources.${x}`) }))}
            />
          </Form.Item>
          <Form.Item name="level" label={t('mediation.level')}>
            <Select
              style={{ width: 180 }}
              options={CaseLevels.map((x) => ({ value: x, label: t(`mediation.levels.${x}`) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="facts" label={t('mediation.facts')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="claims" label={t('mediation.claims')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <h3>{t('mediation.parties')}</h3>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  className="gz-mb"
                  extra={
                    fields.length > 2 ? (
                      <MinusCircleOutlined
                        role="button"
                        aria-label={`${t('mediation.removeParty')} ${i + 1}`}
                        onClick={() => remove(f.name)}
                      />
                    ) : null
                  }
                >
                  <PartyFields path={[f.name]} absolute={['parties', f.name]} index={i + 1} />
                </Card>
              ))}
              <Button
                onClick={() => add({ kind: 'household', name: '', role: 'third_party' })}
                icon={<PlusOutlined aria-hidden />}
              >
                {t('mediation.addParty')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
