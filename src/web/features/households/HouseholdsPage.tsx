import { useEffect, useId, useState } from 'react';
import { App, Button, Checkbox, Input, Select, Table, Tag, type TableProps } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { describeError } from '../../components/errorMessage.ts';
import { Page } from '../../components/Page.tsx';
import { usePaging } from '../../components/usePaging.ts';
import {
  filterQuery,
  useBuildings,
  useEstateNames,
  useEstates,
  useHouseholds,
  type HouseholdFilters,
  type HouseholdRecord,
  type HouseholdSummary,
  type Stage,
} from './households.api.ts';
import { FlagTags, FollowUp, StageTag, Stages, useStageLabel } from './labels.tsx';
import { HouseholdRecords } from '../../../contract/households.ts';
import { downloadFile } from './transfer.ts';
import './households.css';

function positiveId(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Filters live in the address, so a filtered list can be reloaded, shared and reached from the map. */
function useFilters(): [
  HouseholdFilters,
  (changes: Partial<Record<keyof HouseholdFilters, string | undefined>>) => void,
] {
  const [params, setParams] = useSearchParams();
  const stageParam = params.get('stage');
  const filters: HouseholdFilters = {
    estateId: positiveId(params.get('estateId')),
    buildingId: positiveId(params.get('buildingId')),
    stage: (Stages as readonly string[]).includes(stageParam ?? '') ? (stageParam as Stage) : undefined,
    q: params.get('q') ?? undefined,
    mine: params.get('mine') === '1',
    overdue: params.get('overdue') === '1',
    has: (HouseholdRecords as readonly string[]).includes(params.get('has') ?? '')
      ? (params.get('has') as HouseholdRecord)
      : undefined,
  };
  const update = (changes: Partial<Record<keyof HouseholdFilters, string | undefined>>) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      next.delete('page'); // other filters, other rows: back to page 1
      return next;
    });
  };
  return [filters, update];
}

/** 住户档案: every household the viewer may see, filtered and searchable, with export and import. */
export function HouseholdsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [filters, update] = useFilters();
  const paging = usePaging();
  const households = useHouseholds({ ...filters, limit: paging.limit, offset: paging.offset });
  const [exporting, setExporting] = useState(false);
  const canExport = hasPermission(me, 'household.export');
  const canImport = hasPermission(me, 'household.import');

  const exportList = async () => {
    setExporting(true);
    try {
      await downloadFile('/households/export', filterQuery(filters), t('households.list.exportName'));
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page
      title={t('households.list.title')}
      intro={t('households.list.intro')}
      actions={
        <>
          {canExport ? (
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={exporting}
              onClick={() => void exportList()}
            >
              {t('households.list.export')}
            </Button>
          ) : null}
          {canImport ? (
            <ButtonLink to="/households/import" icon={<UploadOutlined aria-hidden />}>
              {t('households.list.import')}
            </ButtonLink>
          ) : null}
        </>
      }
    >
      <HouseholdFiltersBar filters={filters} onChange={update} />
      <ErrorAlert
        error={households.error}
        title={t('errors.loadFailed')}
        onRetry={() => void households.refetch()}
      />
      <HouseholdTable
        rows={households.data?.items ?? []}
        total={households.data?.total ?? 0}
        totalCapped={households.data?.totalCapped ?? false}
        loading={households.isFetching}
        paging={paging}
      />
    </Page>
  );
}

interface FiltersBarProps {
  filters: HouseholdFilters;
  onChange: (changes: Partial<Record<keyof HouseholdFilters, string | undefined>>) => void;
}

function HouseholdFiltersBar({ filters, onChange }: FiltersBarProps) {
  const { t } = useTranslation();
  const stageLabel = useStageLabel();
  const estates = useEstates();
  const buildings = useBuildings(filters.estateId);
  const ids = { estate: useId(), building: useId(), stage: useId(), q: useId() };
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  return (
    <section aria-label={t('households.list.filters')} className="gz-toolbar gz-hh-filters">
      <div className="gz-hh-field">
        <label htmlFor={ids.estate} className="gz-toolbar-label">
          {t('households.fields.estate')}
        </label>
        <Select
          id={ids.estate}
          className="gz-hh-select"
          allowClear
          placeholder={t('households.list.allEstates')}
          value={filters.estateId}
          loading={estates.isLoading}
          options={(estates.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
          onChange={(value?: number) =>
            onChange({ estateId: value ? String(value) : undefined, buildingId: undefined })
          }
        />
      </div>
      <div className="gz-hh-field">
        <label htmlFor={ids.building} className="gz-toolbar-label">
          {t('households.fields.building')}
        </label>
        <Select
          id={ids.building}
          className="gz-hh-select"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          disabled={!filters.estateId}
          placeholder={
            filters.estateId ? t('households.list.allBuildings') : t('households.list.pickEstateFirst')
          }
          value={filters.buildingId}
          options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.number }))}
          onChange={(value?: number) => onChange({ buildingId: value ? String(value) : undefined })}
        />
      </div>
      <div className="gz-hh-field">
        <label htmlFor={ids.stage} className="gz-toolbar-label">
          {t('households.fields.stage')}
        </label>
        <Select
          id={ids.stage}
          className="gz-hh-select"
          allowClear
          placeholder={t('households.list.allStages')}
          value={filters.stage}
          options={Stages.map((s) => ({ value: s, label: stageLabel(s) }))}
          onChange={(value?: Stage) => onChange({ stage: value })}
        />
      </div>
      <div className="gz-hh-field gz-hh-field-search" role="search">
        <label htmlFor={ids.q} className="gz-toolbar-label">
          {t('households.list.searchLabel')}
        </label>
        <Input.Search
          id={ids.q}
          value={q}
          onChange={(event) => setQ(event.target.value)}
          placeholder={t('households.list.searchPlaceholder')}
          allowClear
          maxLength={50}
          enterButton={t('common.search')}
          onSearch={(value) => onChange({ q: value.trim() || undefined })}
        />
      </div>
      <div className="gz-hh-field gz-hh-toggles">
        <Checkbox
          checked={filters.mine}
          onChange={(e) => onChange({ mine: e.target.checked ? '1' : undefined })}
        >
          {t('households.list.mine')}
        </Checkbox>
        <Checkbox
          checked={filters.overdue}
          onChange={(e) => onChange({ overdue: e.target.checked ? '1' : undefined })}
        >
          {t('households.list.overdueOnly')}
        </Checkbox>
        {filters.has ? (
          <Tag closable onClose={() => onChange({ has: undefined })} data-testid="households-has">
            {t(`households.list.has.${filters.has}`)}
          </Tag>
        ) : null}
      </div>
    </section>
  );
}

interface HouseholdTableProps {
  rows: HouseholdSummary[];
  total: number;
  /** The total was counted up to a cap: there are more rows than `total`. */
  totalCapped?: boolean;
  loading: boolean;
  paging?: ReturnType<typeof usePaging>;
  /** Compact lists (my work) leave out the less urgent columns. */
  compact?: boolean;
}

/** The estate of a household row: the same address (21号101) exists in several estates. */
export function estateColumn(
  t: TFunction,
  estateName: (id: number) => string,
): NonNullable<TableProps<HouseholdSummary>['columns']>[number] {
  return {
    title: t('households.fields.estate'),
    dataIndex: 'estateId',
    key: 'estate',
    render: (id: number) => estateName(id),
  };
}

export function householdAddress(h: { buildingNumber: string; room: string }): string {
  return `${h.buildingNumber}${h.room}`;
}

export function HouseholdTable({ rows, total, totalCapped, loading, paging, compact }: HouseholdTableProps) {
  const { t } = useTranslation();
  const estateName = useEstateNames();
  const columns: TableProps<HouseholdSummary>['columns'] = [
    {
      title: t('households.fields.address'),
      key: 'address',
      fixed: 'left',
      render: (_, h) => (
        <Link
          to={`/households/${h.id}`}
          aria-label={t('households.list.open', { address: householdAddress(h), name: h.headName })}
        >
          {householdAddress(h)}
        </Link>
      ),
    },
    estateColumn(t, estateName),
    { title: t('households.fields.head'), dataIndex: 'headName', key: 'headName' },
    {
      title: t('households.fields.stage'),
      dataIndex: 'stage',
      key: 'stage',
      render: (stage: Stage) => <StageTag stage={stage} />,
    },
    ...(compact
      ? []
      : [
          {
            title: t('households.fields.phone'),
            dataIndex: 'phone',
            key: 'phone',
            render: (v: string | null) => <span className="gz-mono">{v ?? t('common.none')}</span>,
          },
          {
            title: t('households.fields.flags'),
            dataIndex: 'flags',
            key: 'flags',
            render: (flags: HouseholdSummary['flags']) => <FlagTags flags={flags} />,
          },
        ]),
    {
      title: t('households.fields.nextFollowUp'),
      dataIndex: 'nextFollowUp',
      key: 'nextFollowUp',
      render: (v: string | null) => <FollowUp date={v} />,
    },
    {
      title: t('households.fields.openConcerns'),
      dataIndex: 'openConcerns',
      key: 'openConcerns',
      align: 'right',
      render: (n: number) =>
        n > 0 ? <Tag color="warning">{t('households.list.concernCount', { n })}</Tag> : 0,
    },
  ];
  return (
    <Table<HouseholdSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={paging ? paging.tablePagination(total, totalCapped) : false}
      locale={{ emptyText: t('households.list.empty') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
