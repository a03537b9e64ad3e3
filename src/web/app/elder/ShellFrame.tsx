import { useEffect } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { RESIDENT_HOME } from '../loginRedirect.ts';
import { useMe } from '../session.ts';
import { ElderToolbar } from './ElderToolbar.tsx';

/**
 * What the shell shows in `<main>`: the elder-mode toolbar (residents, when on) above the page.
 * Residents opening the staff workbench `/` land on their portal instead.
 */
export function ShellFrame() {
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const toPortal = pathname === '/' && me.permissions.includes('self.read');
  useEffect(() => {
    if (toPortal) void navigate(RESIDENT_HOME, { replace: true });
  }, [toPortal, navigate]);
  if (toPortal) return null;
  return (
    <>
      <ElderToolbar />
      <Outlet />
    </>
  );
}
