import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResult } from '../../api/types.ts';

/** The outcome of a chain verification, in words and with an icon (not colour alone). */
export function VerifyChainResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation();
  if (result.ok || !result.firstBroken) {
    return (
      <Alert
        className="gz-error-alert"
        type="success"
        showIcon
        title={t('audit.verifyOkTitle')}
        description={t('audit.verifyOkText', { checked: result.checked })}
      />
    );
  }
  const broken = result.firstBroken;
  return (
    <Alert
      className="gz-error-alert"
      type="error"
      showIcon
      title={t('audit.verifyBrokenTitle', { seq: broken.seq })}
      description={
        <>
          <p className="gz-error-message">
            {t('audit.verifyBrokenText', {
              checked: result.checked,
              tenantId: broken.tenantId,
              id: broken.id ?? t('common.none'),
            })}
          </p>
          <p className="gz-error-message">{t('audit.verifyReason', { reason: broken.reason })}</p>
        </>
      }
    />
  );
}
