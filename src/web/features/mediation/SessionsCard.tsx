import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../components/format.ts';
import type { Case } from './mediation.api.ts';

/** Mediation sessions held and the follow-ups after them (staff only). */
export function SessionsCard({ c }: { c: Case }) {
  const { t } = useTranslation();
  const when = useDateTimeFormat();
  return (
    <Card title={<h2 className="gz-section-title">{t('mediation.sessions')}</h2>}>
      <ul>
        {c.sessions.map((s) => (
          <li key={s.id}>
            {when(s.heldAt)} {s.place}：{s.record}
          </li>
        ))}
      </ul>
      <h3>{t('mediation.followups')}</h3>
      <ul>
        {c.followups.map((f) => (
          <li key={f.id}>
            {t(`mediation.followupKinds.${f.kind}`)} {when(f.at)}：{f.note}
          </li>
        ))}
      </ul>
    </Card>
  );
}
