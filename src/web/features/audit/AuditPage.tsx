import { Button, Table, type TableProps } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { usePaging } from '../../components/usePaging.ts';
import { AuditFilters, type AuditFilterValues } from './AuditFilters.tsx';
import { useAuditLog, useVerifyAudit } from './audit.api.ts';
import { VerifyChainResult } from './VerifyChainResult.tsx';

/** 审计日志: who changed what and when, plus a check that no row was altered afterwards. */
export function AuditPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: AuditFilterValues = {
    entityType: searchParams.get('entityType') ?? '',
    action: searchParams.get('action') ?? '',
  };
  const paging = usePaging();
  const audit = useAuditLog({ ...filters, limit: paging.limit, offset: paging.offset });
  const verify = useVerifyAudit();

  const applyFilters = (values: AuditFilterValues) => {
    setSearchParams((params) => {
      const next = new URLSearchParams(params);
      for (const key of ['entityType', 'action'] as const) {
        if (values[key]) next.set(key, values[key]);
        else next.delete(key);
      }
      next.delete('page');
      return next;
    });
  };

  return (
    <Page
      title={t('audit.pageTitle')}
      intro={t('audit.intro')}
      actions={
        <Button
          icon={<SafetyCertificateOutlined aria-hidden />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
        >
          {t('audit.verify')}
        </Button>
      }
    >
      {verify.data ? <VerifyChainResult result={verify.data} /> : null}
      <ErrorAlert error={verify.error} />
      <AuditFilters values={filters} onApply={applyFilters} />
      <ErrorAlert error={audit.error} title={t('errors.loadFailed')} onRetry={() => void audit.refetch()} />
      <AuditTable
        entries={audit.data?.items ?? []}
        total={audit.data?.total ?? 0}
        loading={audit.isFetching}
        paging={paging}
      />
    </Page>
  );
}

interface AuditTableProps {
  entries: AuditEntry[];
  total: number;
  loading: boolean;
  paging: ReturnType<typeof usePaging>;
}

function AuditTable({ entries, total, loading, paging }: AuditTableProps) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  const columns: TableProps<AuditEntry>['columns'] = [
    {
      title: t('audit.time'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (v: string) => formatDate(v),
    },
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq' },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actorName',
      render: (name: string | null, entry) =>
        name ?? (entry.actorUserId === null ? t('audit.system') : `#${entry.actorUserId}`),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (v: string) => <span className="gz-mono">{v}</span>,
    },
    {
      title: t('audit.entity'),
      dataIndex: 'entityType',
      key: 'entityType',
      render: (v: string) => <span className="gz-mono">{v}</span>,
    },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      key: 'entityId',
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', render: (v: string | null) => v ?? t('common.none') },
  ];

  return (
    <Table<AuditEntry>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={entries}
      loading={loading}
      pagination={paging.tablePagination(total)}
      locale={{ emptyText: t('audit.empty') }}
      scroll={{ x: 'max-content' }}
      expandable={{
        // The expand column needs a header for screen readers (antd leaves it empty).
        columnTitle: <span className="gz-visually-hidden">{t('audit.payload')}</span>,
        expandedRowRender: (entry) => <AuditEntryDetails entry={entry} />,
      }}
    />
  );
}

function AuditEntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const hasPayload = entry.payload !== null && entry.payload !== undefined;
  return (
    <div>
      <p className="gz-detail-label">{t('audit.payload')}</p>
      {hasPayload ? (
        // A focusable, labelled region: long JSON scrolls, and keyboard users must be able to scroll it.
        <pre className="gz-json" tabIndex={0} role="region" aria-label={`${t('audit.payload')} #${entry.id}`}>
          {JSON.stringify(entry.payload, null, 2)}
        </pre>
      ) : (
        <p>{t('audit.noPayload')}</p>
      )}
      {entry.userAgent ? (
        <p>
          {t('audit.userAgent')}: <span className="gz-mono">{entry.userAgent}</span>
        </p>
      ) : null}
    </div>
  );
}
