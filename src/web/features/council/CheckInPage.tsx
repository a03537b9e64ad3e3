import { useEffect, useRef } from 'react';
import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Page } from '../../components/Page.tsx';
import { describeError } from '../../components/errorMessage.ts';
import { useCheckIn } from './council.api.ts';

/** Opened from the meeting's QR code: the signed-in user is signed in to the meeting. */
export function CheckInPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const checkIn = useCheckIn(id);
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    checkIn.mutate(token);
  }, [checkIn, token]);

  return (
    <Page title={t('council.checkIn.title')}>
      {checkIn.isSuccess ? (
        <Result
          status="success"
          title={t('council.checkIn.done')}
          subTitle={t('council.checkIn.doneDetail', { name: checkIn.data.name, title: checkIn.data.title })}
        />
      ) : checkIn.isError ? (
        <Result
          status="error"
          title={t('council.checkIn.failed')}
          subTitle={<span data-testid="check-in-error">{describeError(t, checkIn.error)}</span>}
        />
      ) : (
        <Spin tip={t('council.checkIn.working')} />
      )}
    </Page>
  );
}
