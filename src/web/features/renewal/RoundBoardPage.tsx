import { Card, Col, Row, Tag } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { useBoard } from './renewal.api.ts';
import { pct, RateBar } from './shared.tsx';
import { hasDenominator } from '../../components/ratio.ts';
import { useLiveRound } from './useLiveRound.ts';
import './renewal.css';

/** 公示: the public board of a round, per building, with the flats that agreed (names masked). */
export function RoundBoardPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const board = useBoard(id);
  useLiveRound(id);
  if (board.isPending) return <FullPageSpin />;
  if (!board.data) {
    return (
      <Page title={t('renewal.rounds.board')}>
        <ErrorAlert error={board.error} title={t('errors.loadFailed')} onRetry={() => void board.refetch()} />
      </Page>
    );
  }
  const b = board.data;
  return (
    <Page
      title={`${t('renewal.rounds.board')} · ${b.title}`}
      intro={
        <span className="gz-rn-intro">
          <span>{b.estateName}</span>
          <Tag>{t(`renewal.kind.${b.kind}`)}</Tag>
          {b.thresholdReached ? <Tag color="green">{t('renewal.round.thresholdReached')}</Tag> : null}
        </span>
      }
    >
      <div className="gz-rn-board">
        <Card>
          <div className="gz-rn-board-total">
            <span>{t('renewal.round.rate')}</span>
            <strong>{pct(b.rate)}</strong>
            {hasDenominator(b.eligible) ? (
              <span>{t('renewal.rounds.counts', { agreed: b.agreed, eligible: b.eligible })}</span>
            ) : null}
          </div>
        </Card>
        <Row gutter={[16, 16]} className="gz-rn-row">
          {b.buildings.map((bd) => (
            <Col key={bd.name} xs={24} md={12} xl={8}>
              <Card title={<h2 className="gz-rn-board-building">{bd.name}</h2>}>
                <RateBar rate={bd.rate} threshold={100} />
                {hasDenominator(bd.eligible) ? (
                  <p>{t('renewal.rounds.counts', { agreed: bd.agreed, eligible: bd.eligible })}</p>
                ) : null}
                <h3 className="gz-rn-subtitle">{t('renewal.round.flats')}</h3>
                {bd.agreedFlats.length === 0 ? (
                  <p>{t('renewal.round.noFlats')}</p>
                ) : (
                  <ul className="gz-rn-flats">
                    {bd.agreedFlats.map((f) => (
                      <li key={f.room}>
                        <span className="gz-rn-flat-room">{f.room}</span> {f.name}
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            </Col>
          ))}
        </Row>
      </div>
    </Page>
  );
}
