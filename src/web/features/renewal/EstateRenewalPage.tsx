import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { useEstate } from '../households/households.api.ts';
import {
  PHASES,
  useConstruction,
  useCreateLayoutOption,
  useLayoutOptions,
  useOutcome,
  useRecordPhase,
  useRounds,
  type BuildingSchedule,
  type LayoutOption,
  type Phase,
} from './renewal.api.ts';
import { pct, RateBar, RoundKindTag } from './shared.tsx';
import { hasDenominator } from '../../components/ratio.ts';
import { AllowanceRulesCard } from './AllowanceRulesCard.tsx';
import './renewal.css';
import { NumberInput } from '../../components/NumberInput.tsx';

/** 施工与成效: building phases, layout options and the estate's outcome figures. */
export function EstateRenewalPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const estate = useEstate(id);
  const outcome = useOutcome(id);
  const rounds = useRounds(id);
  const o = outcome.data;
  return (
    <Page title={t('renewal.estate.title', { name: estate.data?.name ?? '' })}>
      <ErrorAlert
        error={outcome.error}
        title={t('errors.loadFailed')}
        onRetry={() => void outcome.refetch()}
      />
      {o ? (
        <Card title={<h2 className="gz-section-title">{t('renewal.estate.outcome')}</h2>}>
          <Row gutter={[16, 16]}>
            {(
              [
                ['signingRate', o.signingRate, o.signed, o.households],
                ['successRate', o.successRate, o.accepted, o.planned],
                ['beautificationRate', o.beautificationRate, o.beautified, o.accepted],
              ] as const
            ).map(([key, rate, n, total]) => (
              <Col key={key} xs={24} md={8}>
                <div className="gz-rn-bignum">
                  <span className="gz-rn-bignum-label">{t(`renewal.estate.${key}`)}</span>
                  <strong>{pct(rate)}</strong>
                  {hasDenominator(total) ? (
                    <span className="gz-rn-muted">{t('renewal.estate.of', { n, total })}</span>
                  ) : null}
                </div>
              </Col>
            ))}
          </Row>
          <Space wrap className="gz-rn-flags">
            <Tag>{t('renewal.estate.plansConfirmed', { n: o.plansConfirmed })}</Tag>
            <Tag>{t('renewal.estate.drawingsConfirmed', { n: o.drawingsConfirmed })}</Tag>
          </Space>
        </Card>
      ) : null}
      <Row gutter={[16, 16]} className="gz-rn-row">
        {/* The phases table needs the full width below 1600 px: beside the rounds its last
            column (回搬) was cut off at 1440. */}
        <Col xs={24} xxl={14}>
          <PhasesCard estateId={id} />
        </Col>
        <Col xs={24} xxl={10}>
          <Space orientation="vertical" size={16} className="gz-rn-stack">
            <Card title={<h2 className="gz-section-title">{t('renewal.estate.rounds')}</h2>}>
              <ul className="gz-rn-items">
                {(rounds.data?.items ?? []).map((r) => (
                  <li key={r.id} className="gz-rn-item">
                    <Space wrap size={8}>
                      <RoundKindTag kind={r.kind} />
                      <Link to={`/rounds/${r.id}`}>{r.title}</Link>
                    </Space>
                    <RateBar rate={r.eligible === 0 ? null : r.agreed / r.eligible} threshold={r.threshold} />
                  </li>
                ))}
              </ul>
            </Card>
            <LayoutsCard estateId={id} />
            <AllowanceRulesCard estateId={id} />
          </Space>
        </Col>
      </Row>
    </Page>
  );
}

function PhasesCard({ estateId }: { estateId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const schedule = useConstruction(estateId);
  const record = useRecordPhase();
  const [next, setNext] = useState<{ building: BuildingSchedule; phase: Phase } | null>(null);
  const [on, setOn] = useState<Dayjs>(dayjs());
  const canManage = hasPermission(me, 'construction.manage');
  return (
    <Card title={<h2 className="gz-section-title">{t('renewal.estate.phases')}</h2>}>
      <ErrorAlert error={schedule.error} />
      {/* scrolls sideways on a phone; focusable so the keyboard can scroll it too (WCAG 2.1.1) */}
      <div className="gz-scroll-x" tabIndex={0} role="region" aria-label={t('renewal.estate.phases')}>
        <Table<BuildingSchedule>
          rowKey="buildingId"
          size="small"
          loading={schedule.isPending}
          pagination={false}
          style={{ minWidth: 700 }}
          dataSource={schedule.data?.items ?? []}
          columns={[
            { title: t('renewal.estate.building'), dataIndex: 'name' },
            ...PHASES.map((phase) => ({
              title: t(`renewal.phase.${phase}`),
              key: phase,
              render: (_: unknown, b: BuildingSchedule) => b.phases.find((p) => p.phase === phase)?.on ?? '—',
            })),
            ...(canManage
              ? [
                  {
                    title: '',
                    key: 'next',
                    render: (_: unknown, b: BuildingSchedule) => {
                      const done = new Set(b.phases.map((p) => p.phase));
                      const phase = PHASES.find((p) => !done.has(p));
                      return phase ? (
                        <Button
                          size="small"
                          onClick={() => {
                            record.reset();
                            setNext({ building: b, phase });
                          }}
                        >
                          {t(`renewal.phase.${phase}`)}
                        </Button>
                      ) : null;
                    },
                  },
                ]
              : []),
          ]}
        />
      </div>
      {next ? (
        <Modal
          open
          title={`${t('renewal.estate.next')} · ${next.building.name} · ${t(`renewal.phase.${next.phase}`)}`}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          confirmLoading={record.isPending}
          onCancel={() => setNext(null)}
          onOk={() =>
            record.mutate(
              { buildingId: next.building.buildingId, phase: next.phase, on: on.format('YYYY-MM-DD') },
              {
                onSuccess: () => {
                  void message.success(t('renewal.estate.recorded'));
                  setNext(null);
                },
              },
            )
          }
        >
          <Form layout="vertical">
            <Form.Item label={t('renewal.estate.on')}>
              <DatePicker value={on} onChange={(d: Dayjs | null) => setOn(d ?? dayjs())} />
            </Form.Item>
          </Form>
          {/* a refusal names the households still missing: shown in full, not as a passing toast */}
          <ErrorAlert error={record.error} title={t('renewal.estate.refused')} />
        </Modal>
      ) : null}
    </Card>
  );
}

/** 户型方案 of an estate: also on the estate's site-plan page, where a street sets the estate up. */
export function LayoutsCard({ estateId }: { estateId: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const layouts = useLayoutOptions(estateId);
  const create = useCreateLayoutOption(estateId);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ code: string; name: string; description?: string; addedArea: number }>();
  return (
    <Card
      title={<h2 className="gz-section-title">{t('renewal.estate.layouts')}</h2>}
      extra={
        hasPermission(me, 'plan.write') ? (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('renewal.estate.addLayout')}
          </Button>
        ) : null
      }
    >
      <Table<LayoutOption>
        rowKey="id"
        size="small"
        pagination={false}
        loading={layouts.isPending}
        dataSource={layouts.data?.items ?? []}
        columns={[
          { title: t('renewal.estate.code'), dataIndex: 'code' },
          { title: t('renewal.estate.name'), dataIndex: 'name' },
          { title: t('renewal.plans.addedArea'), dataIndex: 'addedArea', render: (v: number) => `${v} m²` },
          {
            title: t('renewal.estate.description'),
            dataIndex: 'description',
            render: (v: string | null) => v ?? '',
          },
        ]}
      />
      {adding ? (
        <Modal
          open
          title={t('renewal.estate.addLayout')}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          confirmLoading={create.isPending}
          onOk={() => form.submit()}
          onCancel={() => setAdding(false)}
          destroyOnHidden
        >
          <Form
            form={form}
            layout="vertical"
            name="layout-option"
            onFinish={(v) =>
              create.mutate(
                {
                  ...v,
                  ...(v.description?.trim()
                    ? { description: v.description.trim() }
                    : { description: undefined }),
                },
                { onSuccess: () => setAdding(false) },
              )
            }
          >
            <Form.Item
              name="code"
              label={t('renewal.estate.code')}
              rules={[{ required: true, message: t('renewal.rounds.required') }]}
            >
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item
              name="name"
              label={t('renewal.estate.name')}
              rules={[{ required: true, message: t('renewal.rounds.required') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="addedArea"
              label={`${t('renewal.plans.addedArea')}（m²）`}
              rules={[{ required: true, message: t('renewal.rounds.required') }]}
            >
              <NumberInput min={0} max={100} step={0.1} />
            </Form.Item>
            <Form.Item name="description" label={t('renewal.estate.description')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Form>
          <ErrorAlert error={create.error} />
        </Modal>
      ) : null}
    </Card>
  );
}
