import { useState } from 'react';
import { App, Button, Card } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/errorMessage.ts';
import { postDownload } from './shared.tsx';

export function ActivationLetterCard({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Card size="small">
      <Button
        icon={<PrinterOutlined aria-hidden />}
        loading={busy}
        onClick={() => {
          setBusy(true);
          postDownload(
            '/activation-letters',
            { householdIds: [householdId] },
            `入户通知单-${householdId}.pdf`,
          )
            .then(
              () => void message.success(t('renewal.activation.printed')),
              (e: unknown) => void message.error(describeError(t, e)),
            )
            .finally(() => setBusy(false));
        }}
      >
        {t('renewal.activation.print')}
      </Button>
    </Card>
  );
}
