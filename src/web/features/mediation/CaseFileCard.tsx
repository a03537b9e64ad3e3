import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case } from './mediation.api.ts';

/** The case file (卷宗): which documents it holds and which are missing. */
export function CaseFileCard({ c }: { c: Case }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="gz-section-title">{t('mediation.caseFile')}</h2>}>
      <ul data-testid="case-file">
        {c.caseFile.map((d) => (
          <li key={d.document}>
            {t(`mediation.docs.${d.document}`)}{' '}
            <Tag color={d.present ? 'green' : 'orange'}>
              {d.present ? t('mediation.present') : t('mediation.missing')}
            </Tag>
          </li>
        ))}
      </ul>
    </Card>
  );
}
