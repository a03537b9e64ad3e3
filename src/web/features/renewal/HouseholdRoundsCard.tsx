import { Card, Empty, Space } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { useHouseholdRounds } from './renewal.api.ts';
import { DecisionTag, RoundKindTag } from './shared.tsx';
import './renewal.css';

export function HouseholdRoundsCard({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const rounds = useHouseholdRounds(householdId);
  const formatDate = useDateTimeFormat();
  const canRead = hasPermission(me, 'round.read');
  return (
    <Card title={<h2 className="gz-section-title">{t('renewal.householdRounds.title')}</h2>}>
      <ErrorAlert error={rounds.error} />
      {(rounds.data ?? []).length === 0 && !rounds.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('renewal.householdRounds.none')} />
      ) : (
        <ul className="gz-rn-items">
          {(rounds.data ?? []).map((r) => (
            <li key={r.roundId} className="gz-rn-item">
              <Space wrap size={8}>
                <RoundKindTag kind={r.kind} />
                <Link to={canRead ? `/rounds/${r.roundId}` : `/rounds/${r.roundId}/board`}>{r.title}</Link>
                <DecisionTag decision={r.decision} />
              </Space>
              <div className="gz-rn-muted">
                {r.respondedAt ? formatDate(r.respondedAt) : ''}
                {r.effectiveAt
                  ? ` · ${t('renewal.round.effectiveAt', { time: formatDate(r.effectiveAt) })}`
                  : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
