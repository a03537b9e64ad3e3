import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Grid,
  Input,
  Modal,
  Select,
  Space,
  Table,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveEvent } from '../../api/live.ts';
import { useQueryClient } from '@tanstack/react-query';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { useBuildings, useEstates } from '../households/households.api.ts';
import type { RoundKinds } from '../../../contract/renewal.ts';
import { renewalKey, useCreateRound, useRounds, type Round, type RoundKind } from './renewal.api.ts';
import { RateBar, RoundKindTag } from './shared.tsx';
import { hasDenominator } from '../../components/ratio.ts';
import { RenewalRulesCard } from './RenewalRulesCard.tsx';
import './renewal.css';
import { NumberInput } from '../../components/NumberInput.tsx';

/** 征询与签约: every round of the street, its rate, and (for managers) opening a new one. */
export function RoundsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const rounds = useRounds();
  const formatDate = useDateTimeFormat();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const canRead = hasPermission(me, 'round.read');
  // Phones get one card per round: eight columns squeezed into 390 px leave a character a line.
  const phone = Grid.useBreakpoint().md === false;
  useLiveEvent('round', () => void queryClient.invalidateQueries({ queryKey: [...renewalKey, 'rounds'] }));

  return (
    <Page
      title={t('renewal.rounds.title')}
      intro={t('renewal.rounds.intro')}
      actions={
        hasPermission(me, 'round.manage') ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('renewal.rounds.open')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={rounds.error} title={t('errors.loadFailed')} onRetry={() => void rounds.refetch()} />
      {phone ? (
        <RoundCards rounds={rounds.data?.items ?? []} loading={rounds.isPending} canRead={canRead} />
      ) : (
        <Card>
          <Table<Round>
            rowKey="id"
            loading={rounds.isPending}
            dataSource={rounds.data?.items ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('renewal.rounds.empty') }}
            columns={[
              {
                title: t('renewal.rounds.titleField'),
                dataIndex: 'title',
                render: (_: string, r) => <RoundTitle round={r} canRead={canRead} />,
              },
              {
                title: t('renewal.rounds.kind'),
                dataIndex: 'kind',
                render: (k: RoundKind) => <RoundKindTag kind={k} />,
              },
              { title: t('renewal.rounds.estate'), dataIndex: 'estateName' },
              {
                title: t('renewal.rounds.rate'),
                key: 'rate',
                width: 220,
                render: (_, r) => <RoundRate round={r} />,
              },
              {
                title: t('renewal.rounds.thresholdTarget'),
                key: 'tt',
                render: (_, r) => `${r.threshold}% / ${r.target}%`,
              },
              {
                title: t('renewal.rounds.effectiveAt'),
                dataIndex: 'effectiveAt',
                render: (v: string | null) => (v ? formatDate(v) : t('renewal.rounds.notEffective')),
              },
              {
                title: t('renewal.rounds.status'),
                dataIndex: 'status',
                render: (s: Round['status']) => t(`renewal.status.${s}`),
              },
              {
                title: '',
                key: 'links',
                render: (_, r) => <RoundLinks round={r} canRead={canRead} />,
              },
            ]}
          />
        </Card>
      )}
      {canRead ? <RenewalRulesCard /> : null}
      {creating ? <CreateRoundModal onClose={() => setCreating(false)} /> : null}
    </Page>
  );
}

function RoundTitle({ round, canRead }: { round: Round; canRead: boolean }) {
  return <Link to={canRead ? `/rounds/${round.id}` : `/rounds/${round.id}/board`}>{round.title}</Link>;
}

function RoundRate({ round }: { round: Round }) {
  const { t } = useTranslation();
  const rate = hasDenominator(round.eligible) ? round.agreed / round.eligible : null;
  return (
    <div>
      <RateBar rate={rate} threshold={round.threshold} />
      {hasDenominator(round.eligible) ? (
        <span className="gz-rn-muted">
          {t('renewal.rounds.counts', { agreed: round.agreed, eligible: round.eligible })}
        </span>
      ) : null}
    </div>
  );
}

function RoundLinks({ round, canRead }: { round: Round; canRead: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={8} wrap>
      {canRead ? <Link to={`/rounds/${round.id}/screen`}>{t('renewal.rounds.screen')}</Link> : null}
      <Link to={`/rounds/${round.id}/board`}>{t('renewal.rounds.board')}</Link>
    </Space>
  );
}

/** The rounds on a phone: one card each, the same facts as the table's row, in reading order. */
function RoundCards({ rounds, loading, canRead }: { rounds: Round[]; loading: boolean; canRead: boolean }) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  if (loading) return <Card loading />;
  if (rounds.length === 0) return <Card>{t('renewal.rounds.empty')}</Card>;
  return (
    <ul className="gz-rn-round-cards" data-testid="round-cards">
      {rounds.map((r) => (
        <li key={r.id}>
          <Card
            size="small"
            title={<RoundTitle round={r} canRead={canRead} />}
            extra={<RoundKindTag kind={r.kind} />}
          >
            <dl className="gz-rn-round-facts">
              <dt>{t('renewal.rounds.estate')}</dt>
              <dd>{r.estateName}</dd>
              <dt>{t('renewal.rounds.rate')}</dt>
              <dd>
                <RoundRate round={r} />
              </dd>
              <dt>{t('renewal.rounds.thresholdTarget')}</dt>
              <dd>{`${r.threshold}% / ${r.target}%`}</dd>
              <dt>{t('renewal.rounds.effectiveAt')}</dt>
              <dd>{r.effectiveAt ? formatDate(r.effectiveAt) : t('renewal.rounds.notEffective')}</dd>
              <dt>{t('renewal.rounds.status')}</dt>
              <dd>{t(`renewal.status.${r.status}`)}</dd>
            </dl>
            <RoundLinks round={r} canRead={canRead} />
          </Card>
        </li>
      ))}
    </ul>
  );
}

interface RoundValues {
  estateId: number;
  kind: (typeof RoundKinds)[number];
  title: string;
  threshold: number;
  target: number;
  buildingIds?: number[];
  opensOn?: Dayjs;
  closesOn?: Dayjs;
  boardShowsNames?: boolean;
  signingPlace?: string;
  signingHours?: string;
  signingBring?: string;
}

function CreateRoundModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoundValues>();
  const estates = useEstates();
  const estateId = Form.useWatch('estateId', form);
  const kind = Form.useWatch('kind', form);
  const buildings = useBuildings(estateId);
  const create = useCreateRound();
  const required = [{ required: true, message: t('renewal.rounds.required') }];
  const submit = (v: RoundValues) =>
    create.mutate(
      {
        estateId: v.estateId,
        body: {
          title: v.title,
          kind: v.kind,
          threshold: v.threshold,
          target: v.target,
          ...(v.buildingIds && v.buildingIds.length > 0 ? { buildingIds: v.buildingIds } : {}),
          ...(v.opensOn ? { opensOn: v.opensOn.format('YYYY-MM-DD') } : {}),
          ...(v.closesOn ? { closesOn: v.closesOn.format('YYYY-MM-DD') } : {}),
          ...(v.boardShowsNames ? { boardShowsNames: true } : {}),
          ...(v.kind === 'signing'
            ? {
                signingPlace: v.signingPlace?.trim() || undefined,
                signingHours: v.signingHours?.trim() || undefined,
                signingBring: v.signingBring?.trim() || undefined,
              }
            : {}),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('renewal.rounds.created'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('renewal.rounds.formTitle')}
      okText={t('renewal.rounds.open')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<RoundValues>
        form={form}
        layout="vertical"
        name="create-round"
        initialValues={{ threshold: 95, target: 100, kind: 'signing' }}
        onFinish={submit}
      >
        <Form.Item name="estateId" label={t('renewal.rounds.estate')} rules={required}>
          <Select
            loading={estates.isPending}
            options={(estates.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('renewal.rounds.kind')} rules={required}>
          <Select
            options={(['willingness', 'plan', 'signing'] as const).map((k) => ({
              value: k,
              label: t(`renewal.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('renewal.rounds.titleField')}
          rules={[...required, { whitespace: true }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="threshold" label={t('renewal.rounds.threshold')} rules={required}>
            <NumberInput min={1} max={100} />
          </Form.Item>
          <Form.Item name="target" label={t('renewal.rounds.target')} rules={required}>
            <NumberInput min={1} max={100} />
          </Form.Item>
        </Space>
        <Form.Item name="buildingIds" label={t('renewal.rounds.buildings')}>
          <Select
            mode="multiple"
            allowClear
            disabled={!estateId}
            options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.number }))}
          />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="opensOn" label={t('renewal.rounds.opensOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="closesOn" label={t('renewal.rounds.closesOn')}>
            <DatePicker />
          </Form.Item>
        </Space>
        {kind === 'signing' ? (
          <>
            <Form.Item name="signingPlace" label={t('renewal.rounds.signingPlace')}>
              <Input maxLength={200} placeholder={t('renewal.rounds.signingPlaceHint')} />
            </Form.Item>
            <Form.Item name="signingHours" label={t('renewal.rounds.signingHours')}>
              <Input maxLength={200} placeholder={t('renewal.rounds.signingHoursHint')} />
            </Form.Item>
            <Form.Item name="signingBring" label={t('renewal.rounds.signingBring')}>
              <Input maxLength={500} placeholder={t('renewal.rounds.signingBringHint')} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="boardShowsNames" valuePropName="checked">
          <Checkbox>{t('renewal.rounds.showNames')}</Checkbox>
        </Form.Item>
      </Form>
      <ErrorAlert error={create.error} />
    </Modal>
  );
}
