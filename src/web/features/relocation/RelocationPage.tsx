import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { Page } from '../../components/Page.tsx';
import './relocation.css';
import { useTabParam } from '../../components/useTabParam.ts';
import { MovesTab } from './MovesTab.tsx';
import { StorageTab } from './StorageTab.tsx';
import { UnarrangedTab } from './UnarrangedTab.tsx';
import { RentalsTab } from './RentalsTab.tsx';
import { MarketTab } from './MarketTab.tsx';

/** Staff: the street's movers, storage, households without arrangement, rentals and market. */
export function RelocationPage() {
  const { t } = useTranslation();
  const manage = hasPermission(useMe(), 'relocation.manage');
  const [tab, setTab] = useTabParam(['moves', 'storage', 'unarranged', 'rentals', 'market'] as const);
  return (
    <Page title={t('relocation.staff.title')} intro={t('relocation.staff.intro')}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'moves', label: t('relocation.staff.tabMoves'), children: <MovesTab manage={manage} /> },
          {
            key: 'storage',
            label: t('relocation.staff.tabStorage'),
            children: <StorageTab manage={manage} />,
          },
          {
            key: 'unarranged',
            label: t('relocation.staff2.tabUnarranged'),
            children: <UnarrangedTab manage={manage} />,
          },
          {
            key: 'rentals',
            label: t('relocation.staff.tabRentals'),
            children: <RentalsTab manage={manage} />,
          },
          { key: 'market', label: t('relocation.staff.tabMarket'), children: <MarketTab manage={manage} /> },
        ]}
      />
    </Page>
  );
}
