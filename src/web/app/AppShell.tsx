import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Alert, Grid, Layout } from 'antd';
import { Drawer } from '../components/Drawer.tsx';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './AppHeader.tsx';
import { SideNav } from './SideNav.tsx';
import { StreetSwitcher } from './StreetSwitcher.tsx';
import { useMe } from './session.ts';

/**
 * Frame of every signed-in page: header, side navigation (a drawer on phones) and `<main>`.
 * Landmarks: `<header>`, `<nav>`, `<main>`; a skip link jumps over the navigation.
 */
export function AppShell({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  // `md` is unknown (undefined) before the first measurement: assume a desktop until told otherwise.
  const isMobile = screens.md === false;
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const mainRef = useRef<HTMLElement>(null);
  const { pathname, key } = useLocation();
  const firstRender = useRef(true);
  // the location the app opened on: only the first render's arrival is judged by it
  const arrivedKey = useRef(key);

  // After client-side navigation move focus to the content, as a full page load would:
  // screen-reader and keyboard users otherwise stay stranded in the menu.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      // Arriving from the sign-in form, whose button is gone, focus would be lost (on <body>) and
      // the next Tab would start anywhere: start it at the content. A fresh page load (the
      // router's initial location, key "default") keeps the natural order, skip link first.
      const active = document.activeElement;
      if (arrivedKey.current === 'default' || (active && active !== document.body)) return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  useEffect(() => {
    if (!isMobile) setMenuOpen(false);
  }, [isMobile]);

  // Field workers' phones keep the app and their households for work without a signal (issue #21).
  const fieldWorker = me.permissions.includes('visit.write');
  useEffect(() => {
    if (fieldWorker) void import('../offline/register.ts').then((m) => m.startOfflineWork());
  }, [fieldWorker, me.id]);

  return (
    <Layout className="gz-shell">
      <a className="gz-skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <AppHeader
        isMobile={isMobile}
        menuOpen={menuOpen}
        onOpenMenu={() => setMenuOpen(true)}
        menuId={menuId}
      />
      <Layout className="gz-body">
        {isMobile ? null : (
          <div className="gz-sider">
            <SideNav />
          </div>
        )}
        <main id="main-content" ref={mainRef} tabIndex={-1} className="gz-content">
          {me.mfaExempt ? (
            // The demo's exemption from the second factor is said where the exempted users work.
            <Alert banner type="info" title={t('account.security.exempt')} className="gz-mfa-exempt" />
          ) : null}
          {children ?? <Outlet />}
        </main>
      </Layout>
      {isMobile ? (
        <Drawer
          id={menuId}
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          placement="left"
          size={288}
          title={t('nav.menuTitle')}
          className="gz-nav-drawer"
        >
          <div className="gz-drawer-street">
            <StreetSwitcher stacked />
          </div>
          <SideNav onNavigate={() => setMenuOpen(false)} />
        </Drawer>
      ) : null}
    </Layout>
  );
}
