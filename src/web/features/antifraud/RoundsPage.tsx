import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Progress,
  Radio,
  Row,
  Spin,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { Drawer } from '../../components/Drawer.tsx';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import type { EChartsOption } from 'echarts';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { Page } from '../../components/Page.tsx';
import {
  useCreateRound,
  useEntries,
  useFigures,
  useRound,
  useRounds,
  type Round,
  type RoundDetail,
} from './antifraud.api.ts';
import { Chart } from '../../components/Chart.tsx';
import { streetDay } from '../../components/streetClock.ts';
import { TierTag, percent } from './labels.tsx';
import './antifraud.css';

/** 走访轮次与面访率: the lead's full view; a worker sees its own people in each round. */
export function RoundsPage() {
  const me = useMe();
  return hasPermission(me, 'antifraud.manage') ? <LeadRounds /> : <WorkerRounds />;
}

/** The lead: figures, the face-to-face rate per round as a bar chart, and rounds. */
function LeadRounds() {
  const { t } = useTranslation();
  const figures = useFigures();
  const f = figures.data;
  const [creating, setCreating] = useState(false);
  const [opened, setOpened] = useState<number | null>(null);
  const rounds = useMemo(() => f?.rounds ?? [], [f]);

  const option = useMemo<EChartsOption>(
    () => ({
      aria: { enabled: true },
      tooltip: { valueFormatter: (v) => `${String(v)}%` },
      grid: { left: 48, right: 24, top: 32, bottom: 40 },
      xAxis: { type: 'category', data: rounds.map((r) => r.name) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: t('antifraud.rounds.rate'),
          barMaxWidth: 56,
          data: rounds.map((r) => (r.inPersonRate === null ? 0 : Math.round(r.inPersonRate * 1000) / 10)),
          label: { show: true, position: 'top', formatter: '{c}%' },
        },
      ],
    }),
    [rounds, t],
  );
  const chartLabel = t('antifraud.rounds.chartLabel', {
    list: rounds
      .map(
        (r) => `${r.name} ${percent(r.inPersonRate)}${r.targets > 0 ? `（${r.inPerson}/${r.targets}）` : ''}`,
      )
      .join('，'),
  });

  return (
    <Page
      title={t('antifraud.rounds.title')}
      intro={t('antifraud.rounds.intro')}
      actions={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('antifraud.rounds.create')}
        </Button>
      }
    >
      <ErrorAlert
        error={figures.error}
        title={t('errors.loadFailed')}
        onRetry={() => void figures.refetch()}
      />
      {!f ? (
        <Spin />
      ) : (
        <>
          <Row gutter={[16, 16]} className="gz-af-privacy">
            {[
              { key: 'entries', value: f.entries },
              { key: 'overdue', value: f.overdueReviews },
              { key: 'unassigned', value: f.unassigned },
              { key: 'plays', value: f.lessonPlays },
            ].map((s) => (
              <Col key={s.key} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(`antifraud.figures.${s.key as 'entries'}`)} value={s.value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card title={<h2 className="gz-section-title">{t('antifraud.rounds.rate')}</h2>}>
                {rounds.length === 0 ? (
                  <p>{t('antifraud.rounds.empty')}</p>
                ) : (
                  <Chart height={300} option={option} label={chartLabel} />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title={<h2 className="gz-section-title">{t('antifraud.figures.title')}</h2>}>
                <Breakdown
                  title={t('antifraud.figures.byTier')}
                  rows={f.byTier.map((r) => ({ label: t(`antifraud.tierLong.${r.tier}`), count: r.count }))}
                />
                <Breakdown
                  title={t('antifraud.figures.bySource')}
                  rows={f.bySource.map((r) => ({ label: t(`antifraud.source.${r.source}`), count: r.count }))}
                />
                <Breakdown
                  title={t('antifraud.figures.byChannel')}
                  rows={f.visitsByChannel.map((r) => ({
                    label: t(`antifraud.channel.${r.channel}`),
                    count: r.count,
                  }))}
                />
                <Breakdown
                  title={t('antifraud.figures.byReason')}
                  rows={f.byReason
                    .filter((r) => r.count > 0)
                    .map((r) => ({ label: t(`antifraud.reason.${r.reasonCode}`), count: r.count }))}
                />
              </Card>
            </Col>
          </Row>
          <Table<Round>
            className="gz-af-privacy"
            style={{ marginTop: 16 }}
            rowKey="id"
            dataSource={rounds}
            pagination={false}
            locale={{ emptyText: t('antifraud.rounds.empty') }}
            columns={roundColumns(t, setOpened)}
          />
        </>
      )}
      {creating ? <RoundModal onClose={() => setCreating(false)} /> : null}
      <RoundDrawer id={opened} onClose={() => setOpened(null)} />
    </Page>
  );
}

/** Columns of the rounds table, the same for the lead and a worker. */
function roundColumns(t: TFunction, open: (id: number) => void): TableColumnsType<Round> {
  return [
    { title: t('antifraud.rounds.name'), dataIndex: 'name' },
    {
      title: t('antifraud.rounds.period'),
      render: (_: unknown, r) => `${r.startsOn} — ${r.endsOn}`,
    },
    { title: t('antifraud.rounds.targets'), dataIndex: 'targets' },
    { title: t('antifraud.rounds.inPerson'), dataIndex: 'inPerson' },
    { title: t('antifraud.rounds.reached'), dataIndex: 'reached' },
    {
      title: t('antifraud.rounds.rate'),
      render: (_: unknown, r) => (
        <Progress
          percent={r.inPersonRate === null ? 0 : Math.round(r.inPersonRate * 1000) / 10}
          format={() => percent(r.inPersonRate)}
          aria-label={`${t('antifraud.rounds.rate')} ${r.name}`}
          size="small"
          style={{ minWidth: 140 }}
        />
      ),
    },
    {
      title: '',
      render: (_: unknown, r) => (
        <Button
          size="small"
          icon={<TeamOutlined aria-hidden />}
          aria-label={`${t('antifraud.rounds.detail')} ${r.name}`}
          onClick={() => open(r.id)}
        >
          {t('antifraud.rounds.detail')}
        </Button>
      ),
    },
  ];
}

/** A worker: the rounds that hold its own people, counted over them only (the server scopes them). */
function WorkerRounds() {
  const { t } = useTranslation();
  const rounds = useRounds();
  const [opened, setOpened] = useState<number | null>(null);
  return (
    <Page title={t('antifraud.rounds.title')} intro={t('antifraud.rounds.mineIntro')}>
      <ErrorAlert error={rounds.error} title={t('errors.loadFailed')} onRetry={() => void rounds.refetch()} />
      <Table<Round>
        className="gz-af-privacy"
        rowKey="id"
        loading={rounds.isPending}
        dataSource={rounds.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('antifraud.rounds.mineEmpty') }}
        columns={roundColumns(t, setOpened)}
      />
      <RoundDrawer id={opened} onClose={() => setOpened(null)} />
    </Page>
  );
}

function Breakdown({ title, rows }: { title: string; rows: Array<{ label: string; count: number }> }) {
  return (
    <div className="gz-af-meta">
      <strong>{title}：</strong>
      {rows.map((r) => `${r.label} ${r.count}`).join('，')}
    </div>
  );
}

function RoundDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const round = useRound(id);
  const r: RoundDetail | undefined = round.data;
  return (
    <Drawer open={id !== null} onClose={onClose} title={r?.name} width={640}>
      <ErrorAlert error={round.error} />
      {round.isPending ? (
        <Spin />
      ) : r ? (
        <>
          <p>
            {r.startsOn} — {r.endsOn} · {t('antifraud.rounds.rate')} {percent(r.inPersonRate)}
            {r.targets > 0 ? `（${r.inPerson}/${r.targets}）` : ''}
          </p>
          <Table
            rowKey="entryId"
            size="small"
            pagination={false}
            dataSource={[...r.entries].sort((a, b) => Number(a.inPerson) - Number(b.inPerson))}
            columns={[
              { title: t('antifraud.list.person'), dataIndex: 'personName' },
              { title: t('antifraud.list.address'), dataIndex: 'address' },
              { title: t('antifraud.list.tier'), render: (_: unknown, e) => <TierTag tier={e.tier} /> },
              { title: t('antifraud.list.worker'), dataIndex: 'workerName' },
              {
                title: t('antifraud.rounds.inPerson'),
                render: (_: unknown, e) =>
                  e.inPerson ? (
                    <Tag color="green">{t('antifraud.rounds.done')}</Tag>
                  ) : (
                    <Tag color="volcano">{t('antifraud.rounds.pending')}</Tag>
                  ),
              },
            ]}
          />
        </>
      ) : null}
    </Drawer>
  );
}

interface RoundValues {
  name: string;
  startsOn: string;
  endsOn: string;
  scope: 'all' | 'high';
}

function RoundModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateRound();
  const entries = useEntries({});
  const [form] = Form.useForm<RoundValues>();
  const [unmatched, setUnmatched] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const all = entries.data?.items ?? [];
  return (
    <Modal
      open
      title={t('antifraud.rounds.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <ErrorAlert error={create.error ?? entries.error} fieldErrors={unmatched} />
      <Form<RoundValues>
        form={form}
        layout="vertical"
        initialValues={{ startsOn: streetDay(), endsOn: streetDay(30), scope: 'all' }}
        onFinish={(v) =>
          create.mutate(
            {
              name: v.name,
              startsOn: v.startsOn,
              endsOn: v.endsOn,
              ...(v.scope === 'high'
                ? { entryIds: all.filter((e) => e.tier === 'high').map((e) => e.id) }
                : {}),
            },
            {
              onSuccess: () => {
                void message.success(t('antifraud.rounds.saved'));
                onClose();
              },
              onError: (error) => setUnmatched(applyFieldErrors(form, error, ['name', 'startsOn', 'endsOn'])),
            },
          )
        }
      >
        <Form.Item name="name" label={t('antifraud.rounds.name')} rules={[{ required: true }]}>
          <Input maxLength={50} placeholder="第三轮" />
        </Form.Item>
        <Form.Item name="startsOn" label={t('antifraud.rounds.startsOn')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="endsOn" label={t('antifraud.rounds.endsOn')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="scope">
          <Radio.Group
            options={[
              { value: 'all', label: t('antifraud.rounds.allEntries', { count: all.length }) },
              {
                value: 'high',
                label: `${t('antifraud.rounds.onlyHigh')}（${all.filter((e) => e.tier === 'high').length}）`,
              },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
