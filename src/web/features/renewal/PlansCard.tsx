import { useState } from 'react';
import { Button, Card, Collapse, Descriptions, Empty, Space } from 'antd';
import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePlans, type Plan } from './renewal.api.ts';
import { AllowancesTable, PlanModal } from './PlanAllowances.tsx';
import './renewal.css';
import { ConfirmPlanModal, ConfirmationTag } from './ConfirmModals.tsx';

function PlanDetails({ plan: p }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'layout',
            label: t('renewal.plans.layout'),
            children: `${p.layoutOption.code} ${p.layoutOption.name}`,
          },
          { key: 'area', label: t('renewal.plans.addedArea'), children: `${p.addedArea} m²` },
          {
            key: 'transition',
            label: t('renewal.plans.transition'),
            children: t(`renewal.transition.${p.transition}`),
          },
          ...(p.specialNeeds
            ? [
                {
                  key: 'needs',
                  label: t('renewal.plans.specialNeeds'),
                  children: p.specialNeeds,
                  span: 'filled' as const,
                },
              ]
            : []),
        ]}
      />
      <AllowancesTable plan={p} />
    </>
  );
}

export function PlansCard({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const plans = usePlans(householdId);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<number | null>(null);
  const items = [...(plans.data?.items ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Card
      title={<h2 className="gz-section-title">{t('renewal.plans.title')}</h2>}
      extra={
        hasPermission(me, 'plan.write') ? (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(true)}>
            {t('renewal.plans.newVersion')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={plans.error} />
      {items.length === 0 && !plans.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('renewal.plans.none')} />
      ) : (
        <Collapse
          key={items.length}
          defaultActiveKey={items[0] ? [String(items[0].version)] : []}
          items={items.map((p) => ({
            key: String(p.version),
            label: (
              <Space wrap size={8}>
                <strong>{t('renewal.plans.version', { v: p.version })}</strong>
                <ConfirmationTag item={p} />
              </Space>
            ),
            children: (
              <>
                <PlanDetails plan={p} />
                <Space wrap className="gz-rn-actions">
                  <Button
                    size="small"
                    icon={<FilePdfOutlined aria-hidden />}
                    href={`/api/households/${householdId}/plans/${p.version}/pdf`}
                    target="_blank"
                  >
                    {t('renewal.plans.pdf')}
                  </Button>
                  {!p.confirmedAt && hasPermission(me, 'plan.confirm') ? (
                    <Button size="small" type="primary" onClick={() => setConfirming(p.version)}>
                      {t('renewal.plans.confirm')}
                    </Button>
                  ) : null}
                </Space>
              </>
            ),
          }))}
        />
      )}
      {editing ? (
        <PlanModal householdId={householdId} latest={items[0]} onClose={() => setEditing(false)} />
      ) : null}
      {confirming !== null ? (
        <ConfirmPlanModal
          householdId={householdId}
          version={confirming}
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </Card>
  );
}
