import { Badge, Button, List, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { useMarkRead, useNotifications } from './inbox.api.ts';

/** Everything the platform told me: alarms, overdue work orders, reminders, results. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const list = useNotifications();
  const markRead = useMarkRead();
  const formatTime = useDateTimeFormat();
  const unread = list.data?.unread ?? 0;
  return (
    <Page
      title={t('inbox.notifications')}
      actions={
        <Button disabled={unread === 0} loading={markRead.isPending} onClick={() => markRead.mutate('all')}>
          {t('inbox.markAllRead')}
        </Button>
      }
    >
      <ErrorAlert error={list.error ?? markRead.error} />
      <List
        loading={list.isLoading}
        locale={{ emptyText: t('inbox.empty') }}
        dataSource={list.data?.items ?? []}
        renderItem={(item) => (
          <List.Item
            actions={
              item.readAt === null
                ? [
                    <Button key="read" type="link" onClick={() => markRead.mutate(item.id)}>
                      {t('inbox.markRead')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  {item.readAt === null ? <Badge status="processing" text={t('inbox.unread')} /> : null}
                  {item.link ? (
                    <Link to={item.link} onClick={() => item.readAt === null && markRead.mutate(item.id)}>
                      {item.title}
                    </Link>
                  ) : (
                    <strong>{item.title}</strong>
                  )}
                </Space>
              }
              description={
                <>
                  <p style={{ margin: 0 }}>{item.body}</p>
                  <time dateTime={item.createdAt}>{formatTime(item.createdAt)}</time>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Page>
  );
}
