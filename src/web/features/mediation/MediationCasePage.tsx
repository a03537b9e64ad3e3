import { Button, Col, Row, Space } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { LiaisonEntries } from './LiaisonEntries.tsx';
import { useCase, useMediationLive } from './mediation.api.ts';
import { Actions } from './CaseActions.tsx';
import { CaseDetailsCard } from './CaseDetailsCard.tsx';
import { CaseFileCard } from './CaseFileCard.tsx';
import { PartiesCard } from './PartiesCard.tsx';
import { SessionsCard } from './SessionsCard.tsx';

/** One case: its file (卷宗), parties, members, sessions, outcome, signatures, follow-ups. */
export function MediationCasePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const me = useMe();
  const canHandle = hasPermission(me, 'mediation.handle');
  const query = useCase(id);
  useMediationLive();

  if (query.isPending) return <FullPageSpin />;
  if (!query.data) return <ErrorAlert error={query.error} title={t('errors.loadFailed')} />;
  const c = query.data;

  return (
    <Page
      title={`${c.caseNo} ${c.title}`}
      actions={
        <Space wrap>
          {c.decidedAt ? (
            <Button
              href={`/api/mediation/cases/${id}/decision-notice.pdf`}
              icon={<FileTextOutlined aria-hidden />}
            >
              {t('mediation.noticePdf')}
            </Button>
          ) : null}
          {c.agreement ? (
            <Button href={`/api/mediation/cases/${id}/agreement.pdf`} icon={<FileTextOutlined aria-hidden />}>
              {t('mediation.agreementPdf')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <CaseDetailsCard c={c} />
        </Col>
        <Col xs={24} lg={8}>
          <CaseFileCard c={c} />
        </Col>
        <Col xs={24} lg={12}>
          <PartiesCard c={c} />
        </Col>
        {!c.partyView ? (
          <Col xs={24} lg={12}>
            <SessionsCard c={c} />
          </Col>
        ) : null}
        <Col xs={24}>
          <LiaisonEntries c={c} />
        </Col>
        {canHandle ? (
          <Col xs={24}>
            <Actions c={c} />
          </Col>
        ) : null}
      </Row>
    </Page>
  );
}
