import { useState } from 'react';
import { Button, Table, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Tenant } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { CreateTenantModal } from './CreateTenantModal.tsx';
import { useTenants } from './tenants.api.ts';

/** 街道管理 (system administrators): the streets (tenants) of the platform. */
export function TenantsPage() {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  const tenants = useTenants();
  const [creating, setCreating] = useState(false);

  const columns: TableProps<Tenant>['columns'] = [
    { title: t('common.id'), dataIndex: 'id', key: 'id', width: 80 },
    { title: t('tenants.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('tenants.code'),
      dataIndex: 'code',
      key: 'code',
      render: (code: string) => <span className="gz-mono">{code}</span>,
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (value: string) => formatDate(value),
    },
  ];

  return (
    <Page
      title={t('tenants.pageTitle')}
      actions={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('tenants.create')}
        </Button>
      }
    >
      <ErrorAlert
        error={tenants.error}
        title={t('errors.loadFailed')}
        onRetry={() => void tenants.refetch()}
      />
      <Table<Tenant>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tenants.data?.items ?? []}
        loading={tenants.isPending}
        pagination={{
          pageSize: 50,
          hideOnSinglePage: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        locale={{ emptyText: t('tenants.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <CreateTenantModal open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}
