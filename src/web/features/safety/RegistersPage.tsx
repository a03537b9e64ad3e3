import { useState } from 'react';
import { Button, Form, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { useTabParam } from '../../components/useTabParam.ts';
import { SafetyTabs } from './common.tsx';
import {
  useRegister,
  type BuildingRisk,
  type ChargingSite,
  type Merchant,
  type RentalFlat,
} from './safety.api.ts';
import { BuildingsTab } from './BuildingsTab.tsx';
import { ChargingSitesTab } from './ChargingSitesTab.tsx';
import { MerchantsTab } from './MerchantsTab.tsx';
import { RegisterDialog, type Dialog } from './RegisterDialog.tsx';
import { RentalsTab } from './RentalsTab.tsx';

/** 六防风险台账: buildings, rental flats with the 群租 rule result, prepaid-card merchants, charging sites. */
export function RegistersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const manage = hasPermission(me, 'safety.manage');
  const [tab, setTab] = useTabParam(['rentals', 'buildings', 'merchants', 'charging'] as const);
  const canRecheck = manage || hasPermission(me, 'safety.handle');
  const buildings = useRegister<BuildingRisk>('buildings');
  const rentals = useRegister<RentalFlat>('rentals');
  const merchants = useRegister<Merchant>('merchants');
  const sites = useRegister<ChargingSite>('charging-sites');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();

  const addButton = (kind: 'building' | 'rental' | 'merchant' | 'charging') =>
    manage ? (
      <Button
        icon={<PlusOutlined aria-hidden />}
        onClick={() => setDialog({ kind })}
        style={{ marginBottom: 12 }}
      >
        {t('safety.registers.add')}
      </Button>
    ) : null;

  return (
    <Page title={t('safety.registers.title')} intro={t('safety.registers.intro')}>
      <SafetyTabs />
      <ErrorAlert error={buildings.error ?? rentals.error ?? merchants.error ?? sites.error} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'rentals',
            label: t('safety.registers.rentals'),
            children: (
              <>
                {addButton('rental')}
                <RentalsTab
                  rows={rentals.data?.items ?? []}
                  loading={rentals.isLoading}
                  manage={manage}
                  canRecheck={canRecheck}
                  form={form}
                  onDialog={setDialog}
                />
              </>
            ),
          },
          {
            key: 'buildings',
            label: t('safety.registers.buildings'),
            children: (
              <>
                {addButton('building')}
                <BuildingsTab rows={buildings.data?.items ?? []} loading={buildings.isLoading} />
              </>
            ),
          },
          {
            key: 'merchants',
            label: t('safety.registers.merchants'),
            children: (
              <>
                {addButton('merchant')}
                <MerchantsTab rows={merchants.data?.items ?? []} loading={merchants.isLoading} />
              </>
            ),
          },
          {
            key: 'charging',
            label: t('safety.registers.charging'),
            children: (
              <>
                {addButton('charging')}
                <ChargingSitesTab rows={sites.data?.items ?? []} loading={sites.isLoading} />
              </>
            ),
          },
        ]}
      />
      <RegisterDialog dialog={dialog} form={form} onClose={() => setDialog(null)} />
    </Page>
  );
}
