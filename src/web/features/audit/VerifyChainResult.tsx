import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResult } from '../../api/types.ts';

type Break = AuditVerifyResult['breaks'][number];

/** The outcome of a chain verification, in words and with an icon (not colour alone): every break. */
export function VerifyChainResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert
        className="gz-error-alert"
        type="success"
        showIcon
        title={t('audit.verifyOkTitle')}
        description={t('audit.verifyOkText', { checked: result.checked, checkpoints: result.checkpoints })}
      />
    );
  }
  const hidden = result.totalBreaks - result.breaks.length;
  return (
    <Alert
      className="gz-error-alert"
      type="error"
      showIcon
      title={t('audit.verifyBrokenTitle', { count: result.totalBreaks })}
      description={
        <>
          <p className="gz-error-message">
            {t('audit.verifyBrokenText', { checked: result.checked, checkpoints: result.checkpoints })}
          </p>
          <Table<Break>
            size="small"
            pagination={result.breaks.length > 20 ? { pageSize: 20 } : false}
            rowKey={(b) => `${b.tenantId}:${b.seq}:${b.kind}`}
            dataSource={result.breaks}
            columns={[
              { title: t('audit.breakColumns.tenant'), dataIndex: 'tenantId' },
              { title: t('audit.breakColumns.seq'), dataIndex: 'seq' },
              { title: t('audit.breakColumns.id'), render: (_, b) => b.id ?? t('common.none') },
              { title: t('audit.breakColumns.kind'), render: (_, b) => t(`audit.breakKinds.${b.kind}`) },
            ]}
          />
          {hidden > 0 ? <p className="gz-error-message">{t('audit.verifyMore', { count: hidden })}</p> : null}
        </>
      }
    />
  );
}
