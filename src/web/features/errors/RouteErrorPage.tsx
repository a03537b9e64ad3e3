import { useEffect } from 'react';
import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/usePageTitle.ts';

/**
 * Last line of defence for render errors and failed page-chunk loads (e.g. after a new release
 * replaced the files): a full reload fixes both in most cases.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('errors.crashTitle'));
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main-content" className="gz-standalone-main">
      <Result
        status="500"
        title={<h1 className="gz-result-title">{t('errors.crashTitle')}</h1>}
        subTitle={t('errors.crashText')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('errors.reload')}
          </Button>
        }
      />
    </main>
  );
}
