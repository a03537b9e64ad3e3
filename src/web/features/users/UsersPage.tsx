import { useEffect, useId, useState } from 'react';
import { App, Button, Input, Popconfirm, Space, Table, type TableProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types.ts';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { describeError } from '../../components/errorMessage.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { usePaging } from '../../components/usePaging.ts';
import { roleLabel } from '../../i18n/labels.ts';
import { UserFormModal } from './UserFormModal.tsx';
import { useUpdateUser, useUsers, useResetUserMfa } from './users.api.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

/** 用户管理: users of the current street (or all streets for a system administrator). */
export function UsersPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const paging = usePaging();
  const users = useUsers({ q, limit: paging.limit, offset: paging.offset });
  const [editing, setEditing] = useState<Editing>(null);

  const search = (value: string) => {
    setSearchParams((params) => {
      const next = new URLSearchParams(params);
      if (value.trim()) next.set('q', value.trim());
      else next.delete('q');
      next.delete('page'); // a new search starts on page 1
      return next;
    });
  };

  return (
    <Page
      title={t('users.pageTitle')}
      actions={
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setEditing({ mode: 'create' })}
        >
          {t('users.create')}
        </Button>
      }
    >
      <UserSearch initial={q} onSearch={search} />
      <ErrorAlert error={users.error} title={t('errors.loadFailed')} onRetry={() => void users.refetch()} />
      <UsersTable
        users={users.data?.items ?? []}
        total={users.data?.total ?? 0}
        loading={users.isFetching}
        paging={paging}
        onEdit={(user) => setEditing({ mode: 'edit', user })}
      />
      <UserFormModal
        // A fresh form per user, so one user's values never linger into the next.
        key={editing?.mode === 'edit' ? editing.user.id : 'new'}
        open={editing !== null}
        user={editing?.mode === 'edit' ? editing.user : null}
        onClose={() => setEditing(null)}
      />
    </Page>
  );
}

function UserSearch({ initial, onSearch }: { initial: string; onSearch: (value: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  // Controlled, and re-synced when the address changes (back button), without remounting the input.
  const [value, setValue] = useState(initial);
  useEffect(() => setValue(initial), [initial]);
  return (
    <div className="gz-toolbar" role="search">
      <label htmlFor={id} className="gz-toolbar-label">
        {t('users.searchLabel')}
      </label>
      <Input.Search
        id={id}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        placeholder={t('users.searchPlaceholder')}
        allowClear
        enterButton={t('common.search')}
        maxLength={64}
        onSearch={onSearch}
        className="gz-search"
      />
    </div>
  );
}

interface UsersTableProps {
  users: User[];
  total: number;
  loading: boolean;
  paging: ReturnType<typeof usePaging>;
  onEdit: (user: User) => void;
}

function UsersTable({ users, total, loading, paging, onEdit }: UsersTableProps) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  const me = useMe();

  const columns: TableProps<User>['columns'] = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      render: (v: string) => <span className="gz-mono">{v}</span>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('users.role'),
      dataIndex: 'role',
      key: 'role',
      render: (role: User['role']) => roleLabel(t, role),
    },
    {
      title: t('users.street'),
      dataIndex: 'tenantName',
      key: 'tenantName',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('common.status'),
      dataIndex: 'disabled',
      key: 'disabled',
      render: (disabled: boolean) =>
        disabled ? (
          <StatusTag tone="off">{t('common.disabled')}</StatusTag>
        ) : (
          <StatusTag tone="on">{t('common.enabled')}</StatusTag>
        ),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (v: string) => formatDate(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, user) => (
        <Space size="small" wrap>
          <Button
            size="small"
            icon={<EditOutlined aria-hidden />}
            aria-label={`${t('common.edit')} ${user.username}`}
            onClick={() => onEdit(user)}
          >
            {t('common.edit')}
          </Button>
          {/* No switching off one's own account: that would lock the administrator out. */}
          {user.id === me.id ? null : <ToggleUserButton user={user} />}
          {user.id === me.id ? null : <ResetMfaButton user={user} />}
        </Space>
      ),
    },
  ];

  return (
    <Table<User>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={users}
      loading={loading}
      pagination={paging.tablePagination(total)}
      locale={{ emptyText: t('users.empty') }}
      scroll={{ x: 'max-content' }}
    />
  );
}

function ToggleUserButton({ user }: { user: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateUser();
  const disabling = !user.disabled;
  const actionLabel = disabling ? t('users.disable') : t('users.enable');
  return (
    <Popconfirm
      title={
        disabling
          ? t('users.disableTitle', { name: user.displayName })
          : t('users.enableTitle', { name: user.displayName })
      }
      description={disabling ? t('users.disableText') : undefined}
      okText={actionLabel}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: disabling, loading: update.isPending }}
      onConfirm={() =>
        update.mutateAsync({ id: user.id, changes: { disabled: disabling } }).then(
          () => void message.success(disabling ? t('users.disabledDone') : t('users.enabledDone')),
          (error: unknown) => void message.error(describeError(t, error)),
        )
      }
    >
      <Button size="small" danger={disabling} aria-label={`${actionLabel} ${user.username}`}>
        {actionLabel}
      </Button>
    </Popconfirm>
  );
}

function ResetMfaButton({ user }: { user: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reset = useResetUserMfa();
  return (
    <Popconfirm
      title={t('account.admin.resetConfirm', { name: user.displayName })}
      okText={t('account.admin.reset')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: reset.isPending }}
      onConfirm={() =>
        reset.mutateAsync(user.id).then(
          () => void message.success(t('account.admin.resetDone', { name: user.displayName })),
          (error: unknown) => void message.error(describeError(t, error)),
        )
      }
    >
      <Button size="small" aria-label={`${t('account.admin.reset')} ${user.username}`}>
        {t('account.admin.reset')}
      </Button>
    </Popconfirm>
  );
}
