import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page.tsx';
import { UnitsCard } from './UnitsCard.tsx';
import { PointsCard } from './PointsCard.tsx';
import { MailboxesCard } from './MailboxesCard.tsx';
import { SettingsCard } from './SettingsCard.tsx';
import { VisitsCard } from './VisitsCard.tsx';
import { TopicsCard } from './TopicsCard.tsx';

/** 征集网络与议题 (staff): 一心、三片、廿点, mailboxes, topic calls with clusters, deadlines. */
export function NetworkPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('suggestions.network.title')} intro={t('suggestions.network.intro')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <PointsCard />
        </Col>
        <Col xs={24} lg={12}>
          <MailboxesCard />
          <SettingsCard />
          <UnitsCard />
        </Col>
        <Col xs={24}>
          <VisitsCard />
        </Col>
        <Col xs={24}>
          <TopicsCard />
        </Col>
      </Row>
    </Page>
  );
}
