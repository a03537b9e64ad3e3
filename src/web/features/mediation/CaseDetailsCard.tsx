import { Card, Descriptions, Tag } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Case } from './mediation.api.ts';

/** The case at a glance: status, type, source, level, facts, claims and what was decided. */
export function CaseDetailsCard({ c }: { c: Case }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('mediation.status')}>
          <Tag data-testid="case-status">{t(`mediation.statuses.${c.status}`)}</Tag>
          {c.atRisk ? (
            <Tag color="red" icon={<WarningOutlined aria-hidden />}>
              {t('mediation.atRisk')}
            </Tag>
          ) : null}
          {c.agreementEffectiveAt ? <Tag color="green">{t('mediation.effective')}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('mediation.type')}>{t(`mediation.types.${c.type}`)}</Descriptions.Item>
        <Descriptions.Item label={t('mediation.source')}>
          {t(`mediation.sources.${c.source}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('mediation.level')}>{t(`mediation.levels.${c.level}`)}</Descriptions.Item>
        <Descriptions.Item label={t('mediation.facts')}>{c.facts}</Descriptions.Item>
        <Descriptions.Item label={t('mediation.claims')}>{c.claims}</Descriptions.Item>
        {c.decisionReason ? (
          <Descriptions.Item label={t('mediation.reason')}>{c.decisionReason}</Descriptions.Item>
        ) : null}
        {c.riskNote ? (
          <Descriptions.Item label={t('mediation.riskNote')}>{c.riskNote}</Descriptions.Item>
        ) : null}
        {c.outcomeNote ? (
          <Descriptions.Item label={t('mediation.note')}>{c.outcomeNote}</Descriptions.Item>
        ) : null}
        {c.otherRoutes ? (
          <Descriptions.Item label={t('mediation.otherRoutes')}>{c.otherRoutes}</Descriptions.Item>
        ) : null}
        {c.confirmationDueOn ? (
          <Descriptions.Item label={t('mediation.confirmationDue')}>
            {c.confirmationDueOn}
            {c.confirmationAppliedAt ? ` · ${t('mediation.confirmationApplied')}` : ''}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}
