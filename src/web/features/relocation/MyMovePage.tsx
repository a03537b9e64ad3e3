import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { Page } from '../../components/Page.tsx';
import './relocation.css';
import { ArrangementSection } from './MyArrangementSection.tsx';
import { MovesSection } from './MyMovesSection.tsx';
import { StorageSection } from './MyStorageSection.tsx';
import { RentalsSection } from './MyRentalsSection.tsx';
import { MarketSection } from './MyMarketSection.tsx';

/** 搬家与仓库: a resident books movers and storage, confirms the move, sees offers — large and plain. */
export function MyMovePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('relocation.mine.title')}>
      <div className="gz-rl-mine">
        {me.householdId === null ? (
          <Alert type="info" showIcon title={t('relocation.mine.noHousehold')} />
        ) : (
          <>
            <ArrangementSection householdId={me.householdId} />
            <MovesSection householdId={me.householdId} />
            <StorageSection householdId={me.householdId} />
            <RentalsSection householdId={me.householdId} />
            <MarketSection householdId={me.householdId} />
          </>
        )}
      </div>
    </Page>
  );
}
