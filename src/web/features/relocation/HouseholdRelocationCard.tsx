import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useYuan } from '../../components/money.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NeedsForm } from './NeedsForm.tsx';
import { useHouseholdRelocation } from './relocation.api.ts';

/**
 * The relocation part of a household's file: its moving date and arrangement, transitional flat,
 * moves, storage and decoration-market choices. Hidden from users without relocation access.
 */
export function HouseholdRelocationCard({ householdId }: { householdId: number }) {
  const me = useMe();
  const visible = hasPermission(me, 'relocation.read') || hasPermission(me, 'relocation.manage');
  if (!visible) return null;
  return <RelocationCard householdId={householdId} manage={hasPermission(me, 'relocation.manage')} />;
}

function RelocationCard({ householdId, manage }: { householdId: number; manage: boolean }) {
  const { t } = useTranslation();
  const yuan = useYuan();
  const data = useHouseholdRelocation(householdId);
  const [editing, setEditing] = useState(false);
  const r = data.data;
  const empty =
    r &&
    r.moves.length + r.storage.length + r.bookings.length + r.consultations.length === 0 &&
    !r.needs.plannedMoveOn &&
    !r.needs.transition &&
    !r.needs.buildingMoveOn;
  return (
    <Card
      loading={data.isPending}
      title={<h2 className="gz-section-title">{t('relocation.card.title')}</h2>}
      extra={
        manage ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('relocation.form.editNeeds')}
          </Button>
        ) : null
      }
      data-testid="household-relocation"
    >
      <ErrorAlert error={data.error} />
      {r && empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('relocation.card.empty')} />
      ) : null}
      {r && !empty ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('relocation.card.moveOn')}>
            {r.needs.buildingMoveOn
              ? t('relocation.card.buildingMoveOn', { date: r.needs.buildingMoveOn })
              : (r.needs.plannedMoveOn ?? '—')}
          </Descriptions.Item>
          <Descriptions.Item label={t('relocation.form.transition')}>
            {r.needs.transition
              ? t(`relocation.transition.${r.needs.transition}`)
              : t('relocation.transition.none')}
            {r.needs.transitionSource === 'plan' ? ` ${t('relocation.card.transitionFromPlan')}` : ''}
            {r.needs.rentBudget !== null ? ` · ${t('relocation.card.budget')} ${r.needs.rentBudget}` : ''}
          </Descriptions.Item>
          {r.bookings.length > 0 ? (
            <Descriptions.Item label={t('relocation.card.rentals')}>
              <div>
                {r.bookings.map((b) => (
                  <div key={b.id}>
                    {b.rentalTitle} <Tag>{t(`relocation.bookingStatus.${b.status}`)}</Tag>
                    {b.contractNo ?? ''}
                  </div>
                ))}
              </div>
            </Descriptions.Item>
          ) : null}
          {r.moves.length > 0 ? (
            <Descriptions.Item label={t('relocation.card.moves')}>
              <div>
                {r.moves.map((m) => (
                  <div key={m.id}>
                    {t(`relocation.direction.${m.direction}`)} {m.moveOn} {t(`relocation.slot.${m.slot}`)}{' '}
                    <Tag>{t(`relocation.moveStatus.${m.status}`)}</Tag>
                    {m.team.map((v) => v.name).join('、')}
                  </div>
                ))}
              </div>
            </Descriptions.Item>
          ) : null}
          {r.storage.length > 0 ? (
            <Descriptions.Item label={t('relocation.card.storage')}>
              <div>
                {r.storage.map((s) => (
                  <div key={s.id}>
                    {s.warehouseName} × {s.slots} <Tag>{t(`relocation.storageStatus.${s.status}`)}</Tag>
                    {s.items.map((i) => `${i.name}×${i.quantity}`).join('、')}
                    {s.signedBy ? ` · ${t('relocation.col.signedBy')} ${s.signedBy}` : ''}
                  </div>
                ))}
              </div>
            </Descriptions.Item>
          ) : null}
          {r.consultations.length > 0 ? (
            <Descriptions.Item label={t('relocation.card.market')}>
              <div>
                {r.consultations.map((c) => (
                  <div key={c.id}>
                    {c.vendorName}
                    {c.packageName ? `：${c.packageName}` : ''}{' '}
                    <Tag>{t(`relocation.consultationStatus.${c.status}`)}</Tag>
                    {c.quoteAmount !== null ? `${yuan(c.quoteAmount)} ` : ''}
                    {c.rating !== null ? `★${c.rating} ` : ''}
                    {c.complaint ? <Tag color="red">{t('relocation.staff2.complaint')}</Tag> : null}
                  </div>
                ))}
              </div>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : null}
      {editing ? <NeedsForm householdId={householdId} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}
