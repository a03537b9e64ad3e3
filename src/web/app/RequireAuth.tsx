import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { StandaloneLayout } from '../components/StandaloneLayout.tsx';
import { RequiredEnrolmentPage } from '../features/auth/SecurityPage.tsx';
import { loginPath } from './loginRedirect.ts';
import { MeContext, useMeQuery } from './session.ts';

/** Renders its children only for a signed-in user; everyone else goes to /login and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: me, error, isPending, refetch } = useMeQuery();

  // A required second factor not set up yet: nothing else until it is.
  if (me?.mfaEnrolmentRequired)
    return (
      <MeContext value={me}>
        <RequiredEnrolmentPage />
      </MeContext>
    );
  if (me) return <MeContext value={me}>{children}</MeContext>;
  if (isPending) return <FullPageSpin />;
  if (me === null) return <Navigate to={loginPath(location)} replace />;
  // The session check itself failed (server down, network): say so instead of pretending to be signed out.
  return (
    <StandaloneLayout>
      <ErrorAlert error={error} title={t('errors.loadFailed')} onRetry={() => void refetch()} />
    </StandaloneLayout>
  );
}
