import { useState } from 'react';
import { Badge, Card, Empty, List, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OrderStatuses } from '../../../contract/safety.ts';
import { useLiveEvent } from '../../api/live.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { DeadlineBadge, PriorityTag, SafetyTabs } from './common.tsx';
import { safetyKey, useWorkOrders, type WorkOrder } from './safety.api.ts';

function OrderCard({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const fmt = useDateTimeFormat();
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`safety-order-${order.id}`}>
      <Link to={`/safety/work-orders/${order.id}`} style={{ fontWeight: 600 }}>
        #{order.id} {order.title}
      </Link>
      <div style={{ marginTop: 4 }}>
        <Space size={4} wrap>
          <PriorityTag priority={order.priority} />
          <Tag>{t(`safety.source.${order.source}`)}</Tag>
          <DeadlineBadge order={order} />
        </Space>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {order.place ?? order.householdLabel ?? ''} · {fmt(order.createdAt)}
        {order.assigneeName ? ` · ${t('safety.board.assignee')}：${order.assigneeName}` : ''}
      </Typography.Text>
    </Card>
  );
}

/** 工单看板: one column per state, deadlines and lateness on every card, live updates. */
export function BoardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const staff = hasPermission(me, ['safety.read', 'safety.handle']);
  const [mine, setMine] = useState(!hasPermission(me, 'safety.read'));
  const orders = useWorkOrders({ mine });
  useLiveEvent('safety.work_orders', () => void qc.invalidateQueries({ queryKey: safetyKey }));
  const items = orders.data?.items ?? [];
  const fmt = useDateTimeFormat();

  if (!staff) {
    // a resident: the hazards they reported
    return (
      <Page
        title={t('safety.board.myReports')}
        intro={t('safety.board.myReportsIntro')}
        actions={
          <ButtonLink to="/safety/report" type="primary" size="large" icon={<PlusOutlined aria-hidden />}>
            {t('safety.board.report')}
          </ButtonLink>
        }
      >
        <ErrorAlert error={orders.error} onRetry={() => void orders.refetch()} />
        <List
          loading={orders.isLoading}
          dataSource={items}
          locale={{ emptyText: <Empty description={t('safety.board.empty')} /> }}
          renderItem={(o) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Link to={`/safety/work-orders/${o.id}`}>
                    #{o.id} {o.title}
                  </Link>
                }
                description={`${o.place ?? ''} · ${fmt(o.createdAt)}`}
              />
              <Tag>{t(`safety.status.${o.status}`)}</Tag>
            </List.Item>
          )}
        />
      </Page>
    );
  }

  return (
    <Page
      title={t('safety.board.title')}
      intro={t('safety.board.intro')}
      actions={
        <Space wrap>
          {hasPermission(me, 'safety.read') ? (
            <label>
              <Space>
                <Switch checked={mine} onChange={setMine} aria-label={t('safety.board.mine')} />
                {t('safety.board.mine')}
              </Space>
            </label>
          ) : null}
          {hasPermission(me, 'safety.dispatch') ? (
            <ButtonLink
              to="/safety/work-orders/new"
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              data-testid="safety-new-order"
            >
              {t('safety.board.create')}
            </ButtonLink>
          ) : null}
        </Space>
      }
    >
      <SafetyTabs />
      <ErrorAlert error={orders.error} onRetry={() => void orders.refetch()} />
      <div
        style={{ display: 'flex', gap: 12, overflowX: 'auto', alignItems: 'flex-start', paddingBottom: 8 }}
      >
        {OrderStatuses.map((status) => {
          const column = items.filter((o) => o.status === status);
          const shown = status === 'closed' || status === 'cancelled' ? column.slice(0, 15) : column;
          const late = column.filter((o) => o.overdue).length;
          return (
            <section
              key={status}
              aria-label={t(`safety.status.${status}`)}
              data-testid={`safety-column-${status}`}
              style={{ flex: '0 0 260px', background: '#f5f5f5', borderRadius: 8, padding: 8 }}
            >
              <h2 style={{ fontSize: 15, margin: '4px 4px 8px' }}>
                {t(`safety.status.${status}`)} <Badge count={column.length} showZero color="#595959" />
                {late > 0 ? (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    {t('safety.board.overdue')} {late}
                  </Tag>
                ) : null}
              </h2>
              {orders.isLoading ? null : shown.length === 0 ? (
                <Typography.Text type="secondary" style={{ padding: 4 }}>
                  {t('safety.board.empty')}
                </Typography.Text>
              ) : (
                shown.map((o) => <OrderCard key={o.id} order={o} />)
              )}
            </section>
          );
        })}
      </div>
    </Page>
  );
}
