import { useState } from 'react';
import { Button, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NeedsForm } from './NeedsForm.tsx';
import { useUnarranged, type Unarranged } from './relocation.api.ts';
import { SectionHead } from './SectionHead.tsx';

export function UnarrangedTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const [days, setDays] = useState(30);
  const unarranged = useUnarranged(days);
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <>
      <ErrorAlert error={unarranged.error} />
      <SectionHead
        title={t('relocation.staff2.tabUnarranged')}
        action={
          <Space>
            <span>{t('relocation.staff2.days')}</span>
            <Select
              aria-label={t('relocation.staff2.days')}
              value={days}
              onChange={setDays}
              style={{ width: 120 }}
              options={[7, 14, 30, 60, 90].map((n) => ({
                value: n,
                label: t('relocation.staff2.daysOption', { n }),
              }))}
            />
          </Space>
        }
      />
      <Table<Unarranged>
        rowKey="householdId"
        size="middle"
        loading={unarranged.isPending}
        dataSource={unarranged.data?.items ?? []}
        locale={{ emptyText: t('relocation.noneUnarranged') }}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('relocation.col.household'),
            render: (_, u) => (
              <Link to={`/households/${u.householdId}`}>{`${u.estateName} ${u.householdLabel}`}</Link>
            ),
          },
          {
            title: t('relocation.col.moveOn'),
            render: (_, u) => `${u.moveOn}（${t(`relocation.staff2.moveOnSource.${u.moveOnSource}`)}）`,
          },
          {
            title: t('relocation.col.daysLeft'),
            render: (_, u) => <Tag color={u.daysLeft <= 7 ? 'red' : 'orange'}>{u.daysLeft}</Tag>,
          },
          {
            title: t('relocation.form.transition'),
            render: (_, u) =>
              t(
                `relocation.transition.${(u.transition ?? 'none') as 'self' | 'agency' | 'relatives' | 'none'}`,
              ),
          },
          {
            title: t('relocation.col.access'),
            render: (_, u) => (u.needsAccess ? t('relocation.accessible') : ''),
          },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, u: Unarranged) => (
                    <Button size="small" onClick={() => setEditing(u.householdId)}>
                      {t('relocation.form.editNeeds')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing !== null ? <NeedsForm householdId={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
