import { Button, Card, Form, Input, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { useCreateMap, useMaps, useOpinionLive, type MapSummary } from './opinion.api.ts';

/** The street's opinion maps: staff create and open them; residents pick one to vote on. */
export function OpinionListPage() {
  const { t } = useTranslation();
  const dateOf = useDateFormat();
  const me = useMe();
  useOpinionLive();
  const maps = useMaps();
  const create = useCreateMap();
  const [form] = Form.useForm<{ title: string }>();
  const canManage = hasPermission(me, 'opinion.manage');
  const voter = hasPermission(me, 'opinion.vote');
  return (
    <Page title={t('opinion.list.title')} intro={t('opinion.list.intro')}>
      <ErrorAlert error={maps.error} title={t('errors.loadFailed')} />
      {canManage ? (
        <Card
          className="gz-opinion-card"
          title={<h2 className="gz-section-title">{t('opinion.list.create')}</h2>}
        >
          <Form
            form={form}
            layout="inline"
            onFinish={(v) => create.mutate(v, { onSuccess: () => form.resetFields() })}
          >
            <Form.Item
              name="title"
              label={t('opinion.list.mapTitle')}
              rules={[{ required: true, min: 2, max: 200, message: t('opinion.list.titleRule') }]}
            >
              <Input style={{ width: 320 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('opinion.list.createSubmit')}
            </Button>
          </Form>
          <ErrorAlert error={create.error} title={t('opinion.list.createFailed')} />
        </Card>
      ) : null}
      <Table<MapSummary>
        className="gz-opinion-card"
        rowKey="id"
        loading={maps.isPending}
        dataSource={maps.data?.items ?? []}
        locale={{ emptyText: t('opinion.list.empty') }}
        pagination={false}
        columns={[
          {
            title: t('opinion.list.mapTitle'),
            render: (_: unknown, m) => (
              <Link to={voter ? `/opinion/${m.id}/vote` : `/opinion/${m.id}`}>{m.title}</Link>
            ),
          },
          {
            title: t('opinion.list.subject'),
            render: (_: unknown, m) =>
              m.subject ? `${t(`opinion.subject.${m.subject.kind}`)}：${m.subject.title}` : '—',
          },
          { title: t('opinion.map.statements'), dataIndex: 'statements' },
          { title: t('opinion.map.participants'), dataIndex: 'participants' },
          {
            title: t('opinion.list.status'),
            render: (_: unknown, m) => <Tag>{t(`opinion.status.${m.status}`)}</Tag>,
          },
          { title: t('opinion.list.created'), render: (_: unknown, m) => dateOf(m.createdAt) },
        ]}
      />
    </Page>
  );
}
