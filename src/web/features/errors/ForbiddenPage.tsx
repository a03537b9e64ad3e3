import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';

/** Shown in place of a page the user's role may not open (the server refuses its data anyway). */
export function ForbiddenPage() {
  const { t } = useTranslation();
  usePageTitle(t('errors.forbiddenTitle'));
  return (
    <Result
      status="403"
      title={<h1 className="gz-result-title">{t('errors.forbiddenTitle')}</h1>}
      subTitle={t('errors.forbiddenText')}
      extra={
        <ButtonLink type="primary" to="/">
          {t('common.backHome')}
        </ButtonLink>
      }
    />
  );
}
