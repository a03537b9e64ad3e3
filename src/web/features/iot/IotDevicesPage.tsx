import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page.tsx';
import './iot.css';
import { useTabParam } from '../../components/useTabParam.ts';
import { DevicesTab } from './DevicesTab.tsx';
import { ConsentsTab } from './ConsentsTab.tsx';
import { RulesTab } from './RulesTab.tsx';
import { FiguresTab } from './FiguresTab.tsx';

/** 物联设备管理: devices, household consent, alarm thresholds and figures. */
export function IotDevicesPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useTabParam(['devices', 'consents', 'rules', 'figures'] as const);
  return (
    <Page title={t('iot.devices.title')} intro={t('iot.devices.intro')}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'devices', label: t('iot.devices.tabDevices'), children: <DevicesTab /> },
          { key: 'consents', label: t('iot.devices.tabConsents'), children: <ConsentsTab /> },
          { key: 'rules', label: t('iot.devices.tabRules'), children: <RulesTab /> },
          { key: 'figures', label: t('iot.devices.tabFigures'), children: <FiguresTab /> },
        ]}
      />
    </Page>
  );
}
