import { Alert, Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreatedToken } from '../../api/types.ts';
import { CopyButton } from '../../components/CopyButton.tsx';

/**
 * The secret is in the create answer only; the server keeps a hash. So this dialog is the one
 * chance to copy it, and it closes only on an explicit button (not by clicking the backdrop).
 */
export function TokenCreatedModal({ token, onClose }: { token: CreatedToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={token !== null}
      title={t('tokens.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('tokens.savedIt')}
        </Button>
      }
    >
      {token ? (
        <>
          <Alert type="warning" showIcon title={t('tokens.onceWarning')} />
          <p className="gz-token-label">{t('tokens.tokenLabel')}</p>
          <code className="gz-token-value">{token.token}</code>
          <CopyButton text={token.token} label={t('tokens.copyToken')} />
        </>
      ) : null}
    </Modal>
  );
}
