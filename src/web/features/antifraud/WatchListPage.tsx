import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  EntrySources,
  ReasonCodes,
  Tiers,
  type EntrySource,
  type ReasonCode,
  type Tier,
} from '../../../contract/antifraud.ts';
import { api, type Page as ApiPage } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { Page } from '../../components/Page.tsx';
import {
  useCreateEntry,
  useDeleteEntry,
  useEntries,
  useUpdateEntry,
  useWorkers,
  type Entry,
  type EntryFilters,
} from './antifraud.api.ts';
import { streetDay } from '../../components/streetClock.ts';
import { TierTag } from './labels.tsx';
import './antifraud.css';

/** 反诈重点关注名单 (the street's anti-fraud lead): who is on the list, why, and who visits. */
export function WatchListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<EntryFilters>({});
  const entries = useEntries(filters);
  const workers = useWorkers();
  const remove = useDeleteEntry();
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const workerOptions = (workers.data?.items ?? []).map((w) => ({ value: w.id, label: w.name }));

  return (
    <Page
      title={t('antifraud.list.title')}
      intro={t('antifraud.list.intro')}
      actions={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          {t('antifraud.list.create')}
        </Button>
      }
    >
      <Alert className="gz-af-privacy" type="info" showIcon message={t('antifraud.privacy')} />
      <ErrorAlert error={entries.error ?? remove.error} title={t('errors.loadFailed')} />
      <div className="gz-af-filters">
        <Select<Tier>
          allowClear
          placeholder={t('antifraud.list.filterTier')}
          aria-label={t('antifraud.list.filterTier')}
          style={{ minWidth: 120 }}
          value={filters.tier}
          onChange={(tier) => setFilters((f) => ({ ...f, tier }))}
          options={Tiers.map((v) => ({ value: v, label: t(`antifraud.tierLong.${v}`) }))}
        />
        <Select<EntrySource>
          allowClear
          placeholder={t('antifraud.list.filterSource')}
          aria-label={t('antifraud.list.filterSource')}
          style={{ minWidth: 140 }}
          value={filters.source}
          onChange={(source) => setFilters((f) => ({ ...f, source }))}
          options={EntrySources.map((v) => ({ value: v, label: t(`antifraud.source.${v}`) }))}
        />
        <Select<number>
          allowClear
          placeholder={t('antifraud.list.filterWorker')}
          aria-label={t('antifraud.list.filterWorker')}
          style={{ minWidth: 200 }}
          value={filters.workerId}
          onChange={(workerId) => setFilters((f) => ({ ...f, workerId }))}
          options={workerOptions}
        />
        <Checkbox
          checked={filters.due ?? false}
          onChange={(e) => setFilters((f) => ({ ...f, due: e.target.checked }))}
        >
          {t('antifraud.list.dueOnly')}
        </Checkbox>
        <span aria-live="polite">{t('antifraud.list.total', { count: entries.data?.total ?? 0 })}</span>
      </div>
      <Table<Entry>
        rowKey="id"
        size="middle"
        scroll={{ x: 1100 }}
        loading={entries.isPending}
        dataSource={entries.data?.items ?? []}
        locale={{ emptyText: t('antifraud.list.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          {
            title: t('antifraud.list.person'),
            render: (_: unknown, e) => (
              <>
                <strong>{e.personName}</strong>
                {e.memberName ? <div className="gz-af-meta">{e.address}</div> : null}
              </>
            ),
          },
          { title: t('antifraud.list.address'), dataIndex: 'address' },
          { title: t('antifraud.list.tier'), dataIndex: 'tier', render: (v: Tier) => <TierTag tier={v} /> },
          {
            title: t('antifraud.list.source'),
            dataIndex: 'source',
            render: (v: EntrySource) => t(`antifraud.source.${v}`),
          },
          {
            title: t('antifraud.list.reason'),
            dataIndex: 'reasonCode',
            render: (v: ReasonCode) => t(`antifraud.reason.${v}`),
          },
          {
            title: t('antifraud.list.worker'),
            dataIndex: 'workerName',
            render: (v: string | null) => v ?? <Tag>{t('antifraud.list.unassigned')}</Tag>,
          },
          {
            title: t('antifraud.list.lastVisit'),
            render: (_: unknown, e) =>
              e.lastVisitOn
                ? `${e.lastVisitOn} ${e.lastVisitChannel ? t(`antifraud.channel.${e.lastVisitChannel}`) : ''}`
                : t('antifraud.visits.never'),
          },
          {
            title: t('antifraud.list.reviewOn'),
            render: (_: unknown, e) => (
              <>
                {e.reviewOn} {e.reviewDue ? <Tag color="gold">{t('antifraud.visits.reviewDue')}</Tag> : null}
              </>
            ),
          },
          { title: t('antifraud.list.retainUntil'), dataIndex: 'retainUntil' },
          {
            title: '',
            fixed: 'right',
            render: (_: unknown, e) => (
              <Space>
                <Button
                  size="small"
                  icon={<EditOutlined aria-hidden />}
                  aria-label={`${t('antifraud.list.edit')} ${e.personName}`}
                  onClick={() => setEditing(e)}
                >
                  {t('antifraud.list.edit')}
                </Button>
                <Popconfirm
                  title={t('antifraud.list.removeConfirm', { name: e.personName })}
                  onConfirm={() =>
                    remove.mutate(e.id, {
                      onSuccess: () => void message.success(t('antifraud.list.removed')),
                    })
                  }
                >
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={`${t('antifraud.list.remove')} ${e.personName}`}
                  >
                    {t('antifraud.list.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing ? (
        <EntryModal
          entry={editing === 'new' ? null : editing}
          workers={workerOptions}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Page>
  );
}

interface EntryValues {
  householdId?: number;
  memberName?: string;
  source: EntrySource;
  tier: Tier;
  reasonCode: ReasonCode;
  workerId?: number | null;
  reviewOn: string;
  retainUntil: string;
}

interface HouseholdHit {
  id: number;
  buildingNumber: string;
  room: string;
  headName: string;
}

/** Households matching the typed name or flat (the lead sees the whole street). */
function useHouseholdSearch(q: string) {
  return useQuery({
    queryKey: ['antifraud', 'household-picker', q],
    queryFn: ({ signal }) => api.get<ApiPage<HouseholdHit>>('/households', { q, limit: 20 }, { signal }),
    enabled: q.trim().length > 0,
  });
}

function useHouseholdMembers(id: number | undefined) {
  return useQuery({
    queryKey: ['antifraud', 'household-members', id],
    queryFn: ({ signal }) =>
      api.get<{ headName: string; members: Array<{ name: string; relation: string }> }>(
        `/households/${id}`,
        undefined,
        { signal },
      ),
    enabled: id !== undefined,
  });
}

const FIELDS = [
  'householdId',
  'memberName',
  'source',
  'tier',
  'reasonCode',
  'workerId',
  'reviewOn',
  'retainUntil',
];

/** Create an entry from a household picker, or change tier, reason, worker and dates of one. */
function EntryModal({
  entry,
  workers,
  onClose,
}: {
  entry: Entry | null;
  workers: Array<{ value: number; label: string }>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateEntry();
  const update = useUpdateEntry();
  const [form] = Form.useForm<EntryValues>();
  const [q, setQ] = useState('');
  const search = useHouseholdSearch(q);
  const householdId = Form.useWatch('householdId', form);
  const household = useHouseholdMembers(entry ? undefined : householdId);
  const [unmatched, setUnmatched] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const mutation = entry ? update : create;
  const done = () => {
    void message.success(t('antifraud.list.saved'));
    onClose();
  };
  const failed = (error: unknown) => setUnmatched(applyFieldErrors(form, error, FIELDS));

  return (
    <Modal
      open
      title={
        entry
          ? t('antifraud.entryForm.editTitle', { name: entry.personName })
          : t('antifraud.entryForm.createTitle')
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <ErrorAlert error={mutation.error} fieldErrors={unmatched} />
      <Form<EntryValues>
        form={form}
        layout="vertical"
        initialValues={
          entry
            ? {
                source: entry.source,
                tier: entry.tier,
                reasonCode: entry.reasonCode,
                workerId: entry.workerId,
                reviewOn: entry.reviewOn,
                retainUntil: entry.retainUntil,
              }
            : {
                source: 'committee',
                tier: 'medium',
                reasonCode: 'elderly_health_products',
                memberName: '',
                reviewOn: streetDay(30),
                retainUntil: streetDay(365),
              }
        }
        onFinish={(v) => {
          if (entry)
            update.mutate(
              {
                id: entry.id,
                source: v.source,
                tier: v.tier,
                reasonCode: v.reasonCode,
                workerId: v.workerId ?? null,
                reviewOn: v.reviewOn,
                retainUntil: v.retainUntil,
              },
              { onSuccess: done, onError: failed },
            );
          else
            create.mutate(
              {
                householdId: v.householdId!,
                ...(v.memberName ? { memberName: v.memberName } : {}),
                source: v.source,
                tier: v.tier,
                reasonCode: v.reasonCode,
                workerId: v.workerId ?? null,
                reviewOn: v.reviewOn,
                retainUntil: v.retainUntil,
              },
              { onSuccess: done, onError: failed },
            );
        }}
      >
        {entry ? (
          <p>
            <strong>{entry.personName}</strong> · {entry.address}
          </p>
        ) : (
          <>
            <Form.Item
              name="householdId"
              label={t('antifraud.entryForm.household')}
              rules={[{ required: true }]}
            >
              <Select<number>
                showSearch
                filterOption={false}
                onSearch={setQ}
                placeholder={t('antifraud.entryForm.householdPlaceholder')}
                loading={search.isFetching}
                notFoundContent={null}
                onChange={() => form.setFieldValue('memberName', '')}
                options={(search.data?.items ?? []).map((h) => ({
                  value: h.id,
                  label: `${h.buildingNumber}${h.room} ${h.headName}`,
                }))}
              />
            </Form.Item>
            <Form.Item name="memberName" label={t('antifraud.entryForm.member')}>
              <Select
                disabled={!household.data}
                options={[
                  {
                    value: '',
                    label: t('antifraud.entryForm.head', { name: household.data?.headName ?? '' }),
                  },
                  ...(household.data?.members ?? []).map((m) => ({
                    value: m.name,
                    label: `${m.name}（${m.relation}）`,
                  })),
                ]}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="source" label={t('antifraud.entryForm.source')} rules={[{ required: true }]}>
          <Select options={EntrySources.map((v) => ({ value: v, label: t(`antifraud.source.${v}`) }))} />
        </Form.Item>
        <Form.Item name="tier" label={t('antifraud.entryForm.tier')} rules={[{ required: true }]}>
          <Select options={Tiers.map((v) => ({ value: v, label: t(`antifraud.tierLong.${v}`) }))} />
        </Form.Item>
        <Form.Item name="reasonCode" label={t('antifraud.entryForm.reason')} rules={[{ required: true }]}>
          <Select options={ReasonCodes.map((v) => ({ value: v, label: t(`antifraud.reason.${v}`) }))} />
        </Form.Item>
        <Form.Item name="workerId" label={t('antifraud.entryForm.worker')}>
          <Select allowClear options={workers} placeholder={t('antifraud.list.unassigned')} />
        </Form.Item>
        <Form.Item name="reviewOn" label={t('antifraud.entryForm.reviewOn')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="retainUntil"
          label={t('antifraud.entryForm.retainUntil')}
          rules={[{ required: true }]}
        >
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
