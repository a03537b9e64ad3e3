import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from './BrandMark.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** Frame for pages outside the app shell (sign-in, 404 for visitors): brand, language switch, main. */
export function StandaloneLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="gz-standalone">
      <a className="gz-skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <header className="gz-standalone-header">
        <BrandMark />
        <LanguageSwitch />
      </header>
      <main id="main-content" tabIndex={-1} className="gz-standalone-main">
        {children}
      </main>
      <footer className="gz-standalone-footer">{t('auth.footer')}</footer>
    </div>
  );
}
