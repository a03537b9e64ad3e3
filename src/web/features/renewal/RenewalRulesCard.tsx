import { useEffect, useId, useState } from 'react';
import { App, Button, Card, Checkbox, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Prerequisites, type Prerequisite } from '../../../contract/renewal.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { useRenewalSettings, useUpdateRenewalSettings } from './renewal.api.ts';

/**
 * 改造规则: the order of the renewal's steps, which prerequisites the street checks and which it has
 * relaxed; a street leader relaxes or restores them with a reason (audited on the server).
 */
export function RenewalRulesCard() {
  const { t } = useTranslation();
  const me = useMe();
  const settings = useRenewalSettings();
  const update = useUpdateRenewalSettings();
  const { message } = App.useApp();
  const formatDate = useDateTimeFormat();
  const canManage = hasPermission(me, 'round.manage');
  const [relaxed, setRelaxed] = useState<Prerequisite[]>([]);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const titleId = useId();
  useEffect(() => {
    if (settings.data) setRelaxed(settings.data.relaxed);
  }, [settings.data]);
  const saved = settings.data?.relaxed ?? [];
  const changed = relaxed.length !== saved.length || relaxed.some((p) => !saved.includes(p));

  const save = () =>
    update.mutate(
      { relaxed, reason },
      {
        onSuccess: () => {
          setReason('');
          void message.success(t('renewal.rules.saved'));
        },
      },
    );

  return (
    <Card
      id="renewal-rules"
      aria-labelledby={titleId}
      title={<span id={titleId}>{t('renewal.rules.title')}</span>}
      className="gz-rn-rules"
    >
      <Typography.Paragraph>{t('renewal.rules.order')}</Typography.Paragraph>
      <ErrorAlert
        error={settings.error}
        title={t('errors.loadFailed')}
        onRetry={() => void settings.refetch()}
      />
      <ul className="gz-rn-rules-list" data-testid="renewal-rules">
        {Prerequisites.map((p) => {
          const isRelaxed = saved.includes(p);
          return (
            <li key={p} data-prerequisite={p}>
              {canManage ? (
                <Checkbox
                  checked={relaxed.includes(p)}
                  onChange={(e) =>
                    setRelaxed((r) => (e.target.checked ? [...r, p] : r.filter((x) => x !== p)))
                  }
                >
                  {t('renewal.rules.relax', { rule: t(`renewal.rules.prerequisite.${p}`) })}
                </Checkbox>
              ) : (
                <span>{t(`renewal.rules.prerequisite.${p}`)}</span>
              )}{' '}
              <Tag color={isRelaxed ? 'orange' : 'green'}>
                {isRelaxed ? t('renewal.rules.relaxed') : t('renewal.rules.checked')}
              </Tag>
            </li>
          );
        })}
      </ul>
      <Typography.Paragraph type="secondary">{t('renewal.rules.always')}</Typography.Paragraph>
      {settings.data?.updatedAt ? (
        <Typography.Paragraph type="secondary">
          {t('renewal.rules.updated', {
            at: formatDate(settings.data.updatedAt),
            by: settings.data.updatedBy ?? '—',
          })}
        </Typography.Paragraph>
      ) : null}
      {canManage ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <label htmlFor={reasonId}>{t('renewal.rules.reason')}</label>
          <Input id={reasonId} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          <ErrorAlert error={update.error} title={t('renewal.rules.saveFailed')} />
          <Button
            type="primary"
            disabled={!changed || reason.trim() === ''}
            loading={update.isPending}
            onClick={save}
          >
            {t('renewal.rules.save')}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}
