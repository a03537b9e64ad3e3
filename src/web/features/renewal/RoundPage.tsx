import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Upload,
} from 'antd';
import { Drawer } from '../../components/Drawer.tsx';
import { FullscreenOutlined, HistoryOutlined, UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { Link, useParams } from 'react-router';
import { OpinionLinks } from '../opinion/OpinionLinks.tsx';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { describeError } from '../../components/errorMessage.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { useHouseholds } from '../households/households.api.ts';
import { uploadForm } from '../households/transfer.ts';
import { BuildingBars } from './charts.tsx';
import {
  useAfterUpload,
  useCloseRound,
  useHoldouts,
  useProgress,
  useRespond,
  useResponseHistory,
  useRound,
  type Decision,
  type Holdouts,
  type Progress,
  type Round,
} from './renewal.api.ts';
import { DecisionTag, pct, RoundKindTag } from './shared.tsx';
import { useLiveRound } from './useLiveRound.ts';
import './renewal.css';

/** One round: live progress, recording answers and signatures, and who has not agreed yet. */
export function RoundPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = Number(useParams().id);
  const round = useRound(id);
  const progress = useProgress(id);
  const holdouts = useHoldouts(id);
  const formatDate = useDateTimeFormat();
  const close = useCloseRound();
  const { message } = App.useApp();
  const [historyOf, setHistoryOf] = useState<{ id: number; label: string } | null>(null);
  useLiveRound(id);

  if (round.isPending) return <FullPageSpin />;
  if (!round.data) {
    return (
      <Page title={t('renewal.rounds.title')}>
        <ErrorAlert error={round.error} title={t('errors.loadFailed')} onRetry={() => void round.refetch()} />
      </Page>
    );
  }
  const r = round.data;
  return (
    <Page
      title={r.title}
      intro={
        <span className="gz-rn-intro">
          <RoundKindTag kind={r.kind} />
          <span>{r.estateName}</span>
          <Tag>{t(`renewal.status.${r.status}`)}</Tag>
          <span className="gz-rn-live" aria-hidden>
            ●
          </span>
          <span>{t('renewal.round.live')}</span>
        </span>
      }
      actions={
        <Space wrap>
          <ButtonLink to={`/rounds/${id}/screen`} icon={<FullscreenOutlined aria-hidden />}>
            {t('renewal.rounds.screen')}
          </ButtonLink>
          <ButtonLink to={`/rounds/${id}/board`}>{t('renewal.rounds.board')}</ButtonLink>
          <OpinionLinks filter={{ consultationId: id }} />
          {hasPermission(me, 'round.manage') && r.status === 'open' ? (
            <Popconfirm
              title={t('renewal.round.closeConfirm')}
              okText={t('renewal.round.closeRound')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                close.mutateAsync(id).then(
                  () => void message.success(t('renewal.round.closed')),
                  (e: unknown) => void message.error(describeError(t, e)),
                )
              }
            >
              <Button danger>{t('renewal.round.closeRound')}</Button>
            </Popconfirm>
          ) : null}
        </Space>
      }
    >
      <ErrorAlert
        error={progress.error}
        title={t('errors.loadFailed')}
        onRetry={() => void progress.refetch()}
      />
      {progress.data ? <ProgressCard progress={progress.data} formatDate={formatDate} /> : null}
      <Row gutter={[16, 16]} className="gz-rn-row">
        {hasPermission(me, 'round.respond') && r.status === 'open' ? (
          <Col xs={24} xl={10}>
            <RespondCard round={r} />
          </Col>
        ) : null}
        <Col xs={24} xl={hasPermission(me, 'round.respond') && r.status === 'open' ? 14 : 24}>
          <HoldoutsCard
            holdouts={holdouts.data}
            loading={holdouts.isPending}
            error={holdouts.error}
            onHistory={setHistoryOf}
          />
        </Col>
      </Row>
      <Drawer
        open={historyOf !== null}
        onClose={() => setHistoryOf(null)}
        title={`${t('renewal.round.history')} · ${historyOf?.label ?? ''}`}
        destroyOnHidden
      >
        {historyOf ? <HistoryList roundId={id} householdId={historyOf.id} /> : null}
      </Drawer>
    </Page>
  );
}

function ProgressCard({
  progress: p,
  formatDate,
}: {
  progress: Progress;
  formatDate: (v: string | null) => string;
}) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="gz-section-title">{t('renewal.round.progress')}</h2>}>
      <div className="gz-rn-bignums">
        <div className="gz-rn-bignum gz-rn-bignum-main">
          <span className="gz-rn-bignum-label">{t('renewal.round.rate')}</span>
          <strong data-testid="round-rate">{pct(p.rate)}</strong>
          <span className="gz-rn-muted">
            {p.effectiveAt
              ? t('renewal.round.effectiveAt', { time: formatDate(p.effectiveAt) })
              : t('renewal.round.notEffective', { n: p.threshold })}
          </span>
        </div>
        <Statistic title={t('renewal.round.eligible')} value={p.eligible} />
        <Statistic title={t('renewal.round.agreed')} value={p.agreed} />
        <Statistic title={t('renewal.round.disagreed')} value={p.disagreed} />
        <Statistic title={t('renewal.round.undecided')} value={p.undecided} />
        <Statistic title={t('renewal.round.unanswered')} value={p.unanswered} />
      </div>
      <Space wrap className="gz-rn-flags">
        {p.thresholdReached ? <Tag color="green">{t('renewal.round.thresholdReached')}</Tag> : null}
        {p.targetReached ? <Tag color="green">{t('renewal.round.targetReached')}</Tag> : null}
      </Space>
      <h3 className="gz-rn-subtitle">{t('renewal.round.byBuilding')}</h3>
      <BuildingBars
        buildings={p.buildings}
        threshold={p.threshold}
        thresholdLabel={t('renewal.round.thresholdLine', { n: p.threshold })}
        label={`${t('renewal.round.byBuilding')}: ${p.buildings.map((b) => `${b.name} ${pct(b.rate)}`).join('，')}`}
      />
    </Card>
  );
}

interface RespondValues {
  householdId: number;
  decision: Decision;
  reason?: string;
  agreementNo?: string;
  signer?: string;
  witness?: string;
}

function RespondCard({ round }: { round: Round }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RespondValues>();
  const [q, setQ] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const households = useHouseholds({ estateId: round.estateId, q: q || undefined, limit: 20, offset: 0 });
  const respond = useRespond(round.id);
  const afterUpload = useAfterUpload();
  const decision = Form.useWatch('decision', form);
  const signing = round.kind === 'signing';

  const submit = (v: RespondValues) =>
    respond.mutate(
      {
        householdId: v.householdId,
        decision: v.decision,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(signing && v.agreementNo?.trim() ? { agreementNo: v.agreementNo.trim() } : {}),
        ...(signing && v.signer?.trim() ? { signer: v.signer.trim() } : {}),
        ...(signing && v.witness?.trim() ? { witness: v.witness.trim() } : {}),
        ...(signing && v.decision === 'agree' ? { signedAt: new Date().toISOString() } : {}),
      },
      {
        onSuccess: (record) => {
          void message.success(record.changed ? t('renewal.round.recorded') : t('renewal.round.unchanged'));
          const file = files[0]?.originFileObj;
          if (signing && file) void uploadScan(v.householdId, file);
          form.resetFields();
          setFiles([]);
        },
      },
    );

  const uploadScan = async (householdId: number, file: File) => {
    setUploading(true);
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      await uploadForm(
        `/consultations/${round.id}/responses/${householdId}/scan`,
        body,
        () => {},
        () => {},
      ).promise;
      void message.success(t('renewal.round.scanUploaded'));
      await afterUpload();
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card title={<h2 className="gz-section-title">{t('renewal.round.record')}</h2>}>
      <Form<RespondValues> form={form} layout="vertical" name="respond" onFinish={submit}>
        <Form.Item
          name="householdId"
          label={t('renewal.round.household')}
          rules={[{ required: true, message: t('renewal.rounds.required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('renewal.round.householdSearch')}
            loading={households.isFetching}
            options={(households.data?.items ?? []).map((h) => ({
              value: h.id,
              label: `${h.buildingNumber}${h.room} ${h.headName}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="decision"
          label={t('renewal.round.decision')}
          rules={[{ required: true, message: t('renewal.rounds.required') }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['agree', 'disagree', 'undecided'] as const).map((d) => ({
              value: d,
              label: t(`renewal.decision.${d}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('renewal.round.reason')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {signing && decision === 'agree' ? (
          <>
            <Form.Item
              name="agreementNo"
              label={t('renewal.round.agreementNo')}
              rules={[{ required: true, whitespace: true, message: t('renewal.rounds.required') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Space size={12} wrap>
              <Form.Item name="signer" label={t('renewal.round.signer')}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="witness" label={t('renewal.round.witness')}>
                <Input maxLength={50} />
              </Form.Item>
            </Space>
            <Form.Item label={t('renewal.round.scan')}>
              <Upload
                accept=".pdf,.png,.jpg,.jpeg"
                maxCount={1}
                fileList={files}
                beforeUpload={() => false}
                onChange={({ fileList }) => setFiles(fileList.slice(-1))}
              >
                <Button icon={<UploadOutlined aria-hidden />}>{t('renewal.round.scan')}</Button>
              </Upload>
            </Form.Item>
          </>
        ) : null}
        <Button type="primary" htmlType="submit" loading={respond.isPending || uploading}>
          {t('renewal.round.submit')}
        </Button>
      </Form>
      <ErrorAlert error={respond.error} />
    </Card>
  );
}

function HoldoutsCard({
  holdouts,
  loading,
  error,
  onHistory,
}: {
  holdouts: Holdouts | undefined;
  loading: boolean;
  error: unknown;
  onHistory: (h: { id: number; label: string }) => void;
}) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  type Row = Holdouts['items'][number];
  return (
    <Space orientation="vertical" size={16} className="gz-rn-stack">
      <Card
        title={
          <h2 className="gz-section-title">{`${t('renewal.round.holdouts')}（${holdouts?.total ?? 0}）`}</h2>
        }
      >
        <ErrorAlert error={error} />
        <Table<Row>
          rowKey="householdId"
          size="small"
          loading={loading}
          dataSource={holdouts?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          columns={[
            {
              title: t('renewal.round.household'),
              key: 'hh',
              render: (_, h) => (
                <Link to={`/households/${h.householdId}`}>{`${h.building}${h.room} ${h.headName}`}</Link>
              ),
            },
            {
              title: t('renewal.round.decision'),
              dataIndex: 'decision',
              render: (d: Decision | null) => <DecisionTag decision={d} />,
            },
            { title: t('renewal.round.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
            { title: t('renewal.round.cadre'), dataIndex: 'cadre', render: (v: string | null) => v ?? '—' },
            {
              title: t('renewal.round.lastVisit'),
              dataIndex: 'lastVisit',
              render: (v: string | null) => formatDate(v),
            },
            {
              title: t('renewal.round.nextFollowUp'),
              dataIndex: 'nextFollowUp',
              render: (v: string | null) => v ?? '—',
            },
            { title: t('renewal.round.openConcerns'), dataIndex: 'openConcerns' },
            {
              title: '',
              key: 'history',
              render: (_, h) => (
                <Button
                  size="small"
                  icon={<HistoryOutlined aria-hidden />}
                  onClick={() => onHistory({ id: h.householdId, label: `${h.building}${h.room}` })}
                >
                  {t('renewal.round.history')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={<h2 className="gz-section-title">{t('renewal.round.gaps')}</h2>}>
        <Table
          rowKey="buildingId"
          size="small"
          pagination={false}
          dataSource={holdouts?.buildingsByGap ?? []}
          columns={[
            { title: t('renewal.round.building'), dataIndex: 'name' },
            { title: t('renewal.round.eligible'), dataIndex: 'eligible' },
            { title: t('renewal.round.agreed'), dataIndex: 'agreed' },
            { title: t('renewal.round.gap'), dataIndex: 'gap', render: (g: number) => <strong>{g}</strong> },
          ]}
        />
      </Card>
    </Space>
  );
}

function HistoryList({ roundId, householdId }: { roundId: number; householdId: number }) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  const history = useResponseHistory(roundId, householdId);
  if (history.error) return <ErrorAlert error={history.error} />;
  const items = history.data?.items ?? [];
  if (!history.isPending && items.length === 0) return <p>{t('renewal.round.noHistory')}</p>;
  return (
    <Timeline
      items={items.map((e, i) => ({
        key: i,
        title: <time dateTime={e.at}>{formatDate(e.at)}</time>,
        content: (
          <span>
            <DecisionTag decision={e.decision} /> {e.reason ?? ''}
            {e.recordedBy ? <span className="gz-rn-muted"> · {e.recordedBy}</span> : null}
          </span>
        ),
      }))}
    />
  );
}
