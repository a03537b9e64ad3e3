import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';

/** Unknown address. `signedIn` decides where the way out leads. */
export function NotFoundPage({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  usePageTitle(t('errors.notFoundTitle'));
  return (
    <Result
      status="404"
      title={<h1 className="gz-result-title">{t('errors.notFoundTitle')}</h1>}
      subTitle={t('errors.notFoundText')}
      extra={
        <ButtonLink type="primary" to={signedIn ? '/' : '/login'}>
          {signedIn ? t('common.backHome') : t('common.goLogin')}
        </ButtonLink>
      }
    />
  );
}
