import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Opinion } from './legislation.api.ts';

/** Where an opinion stands, in words (colour only repeats what the text says). */
export function OutcomeTag({ opinion }: { opinion: Pick<Opinion, 'moderation' | 'outcome'> }) {
  const { t } = useTranslation();
  if (opinion.moderation === 'pending') return <Tag>{t('legislation.statePending')}</Tag>;
  if (opinion.moderation === 'rejected') return <Tag>{t('legislation.stateRejected')}</Tag>;
  if (!opinion.outcome) return <Tag color="processing">{t('legislation.stateAccepted')}</Tag>;
  const color = opinion.outcome === 'not_adopted' ? 'default' : 'success';
  return <Tag color={color}>{t(`legislation.outcome_${opinion.outcome}`)}</Tag>;
}
