import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StandaloneElderMode } from '../app/elder/ElderModeProvider.tsx';
import { ElderSwitch } from '../app/elder/ElderSwitch.tsx';
import { BrandMark } from './BrandMark.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/**
 * Frame for pages outside the app shell (sign-in, activation, 404 for visitors): brand, elder-mode
 * switch (the device's choice: a resident turns it on before signing in), language switch, main.
 */
export function StandaloneLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <StandaloneElderMode>
      <div className="gz-standalone">
        <a className="gz-skip-link" href="#main-content">
          {t('app.skipToContent')}
        </a>
        <header className="gz-standalone-header">
          <BrandMark />
          <div className="gz-standalone-tools">
            <ElderSwitch place="fixed" />
            <LanguageSwitch />
          </div>
        </header>
        <main id="main-content" tabIndex={-1} className="gz-standalone-main">
          {children}
        </main>
        <footer className="gz-standalone-footer">{t('auth.footer')}</footer>
      </div>
    </StandaloneElderMode>
  );
}
