import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Whole-screen loading state with a text for screen readers (a spinner alone says nothing). */
export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div className="gz-fullpage-center" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="gz-visually-hidden">{t('app.loading')}</span>
    </div>
  );
}
