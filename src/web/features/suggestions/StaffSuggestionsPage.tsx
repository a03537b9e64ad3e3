import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Table, Tag, type TableProps } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AnswerableStatuses, SuggestionChannels, SuggestionStatuses } from '../../../contract/suggestions.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { usePaging } from '../../components/usePaging.ts';
import { channelLabel, statusLabel } from './labels.ts';
import {
  useCreateProject,
  useCreateReply,
  useSuggestions,
  useTopics,
  type SuggestionItem,
} from './suggestions.api.ts';

/** 建议办理 (staff): search in Chinese, filters, overdue items marked; collective replies and projects. */
export function StaffSuggestionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useDateTimeFormat();
  const [params, setParams] = useSearchParams();
  const paging = usePaging();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? undefined;
  const topicId = params.get('topicId') ? Number(params.get('topicId')) : undefined;
  const channel = params.get('channel') ?? undefined;
  const overdue = params.get('overdue') === 'true' ? true : undefined;
  const list = useSuggestions({
    q,
    status,
    topicId,
    channel,
    overdue,
    limit: paging.limit,
    offset: paging.offset,
  });
  const topics = useTopics();
  const [selectedRows, setSelectedRows] = useState<SuggestionItem[]>([]);
  const selected = selectedRows.map((r) => r.id);
  // Only suggestions waiting for an answer can be answered together; the others are named, not sent.
  const answerable = selectedRows.filter((r) => AnswerableStatuses.includes(r.status));
  const setSelected = (rows: SuggestionItem[]) => setSelectedRows(rows);
  const [dialog, setDialog] = useState<'reply' | 'project' | null>(null);

  const set = (name: string, value: string | undefined) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value) next.set(name, value);
      else next.delete(name);
      next.delete('page');
      return next;
    });

  const columns: TableProps<SuggestionItem>['columns'] = [
    { title: t('common.id'), dataIndex: 'id', width: 70 },
    {
      title: t('suggestions.field.subject'),
      dataIndex: 'subject',
      render: (v: string, r) => <Link to={`/suggestions/${r.id}`}>{v}</Link>,
    },
    { title: t('suggestions.field.proposerName'), dataIndex: 'proposerName' },
    {
      title: t('suggestions.field.channel'),
      dataIndex: 'channel',
      render: (v: SuggestionItem['channel']) => channelLabel(t, v),
    },
    {
      title: t('suggestions.field.topic'),
      dataIndex: 'topicSubject',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (v: SuggestionItem['status'], r) => (
        <>
          <Tag>{statusLabel(t, v)}</Tag>
          {r.overdue ? (
            <Tag className="gz-sg-overdue" icon={<WarningOutlined aria-hidden />}>
              {t('suggestions.staff.overdue')}
            </Tag>
          ) : null}
          {r.adopted ? <Tag>{t('suggestions.staff.adoptedTag')}</Tag> : null}
        </>
      ),
    },
    { title: t('suggestions.field.dueAt'), dataIndex: 'dueAt', render: (v: string | null) => format(v) },
    { title: t('suggestions.field.createdAt'), dataIndex: 'createdAt', render: (v: string) => format(v) },
  ];

  return (
    <Page
      title={t('suggestions.staff.title')}
      intro={t('suggestions.staff.intro')}
      actions={
        <>
          <Link to="/suggestions/projects">
            <Button>{t('suggestions.manage.projectsTitle')}</Button>
          </Link>
          <Button disabled={answerable.length === 0} onClick={() => setDialog('reply')}>
            {t('suggestions.staff.collectiveReply', { n: answerable.length })}
          </Button>
          {hasPermission(me, 'suggestion.manage') ? (
            <Button disabled={selected.length === 0} onClick={() => setDialog('project')}>
              {t('suggestions.staff.toProject', { n: selected.length })}
            </Button>
          ) : null}
        </>
      }
    >
      <div className="gz-sg-toolbar" role="search">
        <Input.Search
          defaultValue={q}
          key={q}
          allowClear
          enterButton={t('common.search')}
          placeholder={t('suggestions.staff.searchPlaceholder')}
          aria-label={t('suggestions.staff.searchLabel')}
          style={{ maxWidth: 360 }}
          onSearch={(v) => set('q', v.trim() || undefined)}
        />
        <Select
          allowClear
          placeholder={t('common.status')}
          aria-label={t('common.status')}
          value={status}
          style={{ width: 150 }}
          onChange={(v?: string) => set('status', v)}
          options={SuggestionStatuses.map((s) => ({ value: s, label: statusLabel(t, s) }))}
        />
        <Select
          allowClear
          placeholder={t('suggestions.field.channel')}
          aria-label={t('suggestions.field.channel')}
          value={channel}
          style={{ width: 150 }}
          onChange={(v?: string) => set('channel', v)}
          options={SuggestionChannels.map((c) => ({ value: c, label: channelLabel(t, c) }))}
        />
        <Select
          allowClear
          placeholder={t('suggestions.field.topic')}
          aria-label={t('suggestions.field.topic')}
          value={topicId}
          style={{ width: 220 }}
          onChange={(v?: number) => set('topicId', v ? String(v) : undefined)}
          options={(topics.data?.items ?? []).map((x) => ({ value: x.id, label: x.subject }))}
        />
        <Button
          aria-pressed={overdue === true}
          type={overdue ? 'primary' : 'default'}
          onClick={() => set('overdue', overdue ? undefined : 'true')}
        >
          <WarningOutlined aria-hidden /> {t('suggestions.staff.onlyOverdue')}
        </Button>
      </div>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table<SuggestionItem>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        rowClassName={(r) => (r.overdue ? 'gz-sg-row-overdue' : '')}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
        }}
        pagination={paging.tablePagination(list.data?.total ?? 0)}
        scroll={{ x: 900 }}
      />
      <ReplyDialog
        open={dialog === 'reply'}
        ids={answerable.map((r) => r.id)}
        skipped={selectedRows.filter((r) => !answerable.includes(r))}
        onClose={() => setDialog(null)}
        onDone={() => setSelected([])}
      />
      <ProjectDialog
        open={dialog === 'project'}
        ids={selected}
        onClose={() => setDialog(null)}
        onDone={() => setSelected([])}
      />
    </Page>
  );
}

interface DialogProps {
  open: boolean;
  ids: number[];
  onClose: () => void;
  onDone: () => void;
}

function ReplyDialog({ open, ids, skipped, onClose, onDone }: DialogProps & { skipped: SuggestionItem[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateReply();
  const [form] = Form.useForm<{ title: string; body: string }>();
  return (
    <Modal
      open={open}
      title={t('suggestions.staff.collectiveReply', { n: ids.length })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {skipped.length > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('suggestions.staff.replySkipped', {
            n: skipped.length,
            list: skipped.map((r) => `#${r.id}（${statusLabel(t, r.status)}）`).join('、'),
          })}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          create.mutate(
            { ...v, suggestionIds: ids },
            {
              onSuccess: () => {
                void message.success(t('suggestions.staff.replied'));
                onDone();
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="title"
          label={t('suggestions.staff.replyTitle')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t('suggestions.staff.replyBody')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={6} />
        </Form.Item>
        <ErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}

function ProjectDialog({ open, ids, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateProject();
  const [form] = Form.useForm<{ name: string; owner: string; summary: string; milestones?: string }>();
  return (
    <Modal
      open={open}
      title={t('suggestions.staff.toProject', { n: ids.length })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          create.mutate(
            {
              name: v.name,
              owner: v.owner,
              summary: v.summary ?? '',
              suggestionIds: ids,
              milestones: (v.milestones ?? '')
                .split('\n')
                .map((x) => x.trim())
                .filter(Boolean)
                .map((title) => ({ title })),
            },
            {
              onSuccess: () => {
                void message.success(t('suggestions.staff.projectCreated'));
                onDone();
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="name" label={t('suggestions.project.name')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="owner" label={t('suggestions.project.ownerLabel')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="summary" label={t('suggestions.project.summary')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="milestones"
          label={t('suggestions.project.milestones')}
          extra={t('suggestions.project.milestonesHint')}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <ErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}
