import { useState } from 'react';
import { App, Button, Popconfirm, Table, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApiToken, CreatedToken } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { describeError } from '../../components/errorMessage.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { CreateTokenModal } from './CreateTokenModal.tsx';
import { TokenCreatedModal } from './TokenCreatedModal.tsx';
import { useRevokeToken, useTokens } from './tokens.api.ts';

/** The caller's API tokens for integrations: list, create (secret shown once), revoke. */
export function TokensPage() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  return (
    <Page
      title={t('tokens.pageTitle')}
      intro={
        <>
          {t('tokens.intro')} <a href="/api/docs">{t('tokens.docsLink')}</a>
        </>
      }
      actions={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      }
    >
      <ErrorAlert error={tokens.error} title={t('errors.loadFailed')} onRetry={() => void tokens.refetch()} />
      <TokensTable tokens={tokens.data?.items ?? []} loading={tokens.isPending} />
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
        }}
      />
      <TokenCreatedModal token={created} onClose={() => setCreated(null)} />
    </Page>
  );
}

function TokensTable({ tokens, loading }: { tokens: ApiToken[]; loading: boolean }) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();

  const columns: TableProps<ApiToken>['columns'] = [
    { title: t('tokens.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (value: string) => formatDate(value),
    },
    {
      title: t('tokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      render: (value: string | null) => (value ? formatDate(value) : t('tokens.never')),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, token) =>
        token.revokedAt ? (
          <StatusTag tone="off" title={t('tokens.revokedAt', { time: formatDate(token.revokedAt) })}>
            {t('tokens.revokedStatus')}
          </StatusTag>
        ) : (
          <StatusTag tone="on">{t('tokens.active')}</StatusTag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, token) => (token.revokedAt ? null : <RevokeTokenButton token={token} />),
    },
  ];

  return (
    <Table<ApiToken>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={tokens}
      loading={loading}
      // The list endpoint is not paged (a person has a handful of tokens), so page in the browser.
      pagination={{
        pageSize: 20,
        hideOnSinglePage: true,
        showTotal: (total) => t('common.total', { total }),
      }}
      locale={{ emptyText: t('tokens.empty') }}
      scroll={{ x: 'max-content' }}
    />
  );
}

function RevokeTokenButton({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const revoke = useRevokeToken();
  return (
    <Popconfirm
      title={t('tokens.revokeTitle', { name: token.name })}
      description={t('tokens.revokeText')}
      okText={t('tokens.revoke')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: revoke.isPending }}
      onConfirm={() =>
        revoke.mutateAsync(token.id).then(
          () => void message.success(t('tokens.revokeDone')),
          (error: unknown) => void message.error(describeError(t, error)),
        )
      }
    >
      <Button danger size="small" aria-label={`${t('tokens.revoke')} ${token.name}`}>
        {t('tokens.revoke')}
      </Button>
    </Popconfirm>
  );
}
